/**
 * Cross-checks of `nodes:` what each node declares must describe a node the kubelet would run:
 * some capacity, and a reserve (system-reserved + kube-reserved + eviction threshold) below it,
 * so that allocatable (capacity - reserved) is not negative.
 */
import type { ClusterFile } from './schema';
import type { SchemaIssue } from './validate';
import { formatCpu, formatMemory } from './quantity';
import { quantityOf } from './check-helpers';
import { Node } from './schema/nodes';

const DEFAULT_RESERVE = Node.properties.reserved.default as { cpu: string; memory: string };

export function checkNodes(file: ClusterFile): SchemaIssue[] {
  return Object.entries(file.nodes).flatMap(([name, node]) => {
    const at = (...path: string[]) => ['nodes', name, ...path];
    const issues: SchemaIssue[] = [];
    const sizes = [
      ['cpu', quantityOf(node.cpu, 'cpu'), quantityOf(node.reserved.cpu, 'cpu'), formatCpu, '4'],
      ['memory', quantityOf(node.memory, 'memory'), quantityOf(node.reserved.memory, 'memory'), formatMemory, '16Gi'],
    ] as const;
    for (const [resource, capacity, reserved, format, example] of sizes) {
      if (capacity === undefined || reserved === undefined) continue; // a quantity the parser cannot read is not this check's to report
      if (capacity === 0) {
        issues.push({
          path: at(resource),
          message: `the node has no ${resource} (${JSON.stringify(node[resource])})`,
          fix: `write the node's ${resource}, e.g. ${example}`,
        });
      } else if (reserved > capacity) {
        // not written, reserved.<resource> locates at the node itself, and the message names the default
        issues.push({
          path: at('reserved', resource),
          message: `reserved ${resource} ${format(reserved)} is above the node's ${format(capacity)}: its allocatable ${resource} would be negative`,
          fix: `set reserved.${resource} below ${format(capacity)} (it defaults to ${DEFAULT_RESERVE[resource]}), or correct the node's ${resource}`,
        });
      }
    }
    return issues;
  });
}
