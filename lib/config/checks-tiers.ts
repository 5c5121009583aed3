/**
 * Cross-checks of the tier overrides (`tiers:`): the LimitRange and ResourceQuota each tier
 * renders must be ones the API server accepts and that mean what they say. No quantity is zero
 * (a limit of 0 is no limit, a quota of 0 admits no pod), and the LimitRange is ordered:
 * defaultRequest <= defaultLimit <= max (the API server refuses it otherwise).
 */
import type { ClusterFile } from './schema';
import type { TierSpec } from './tiers';
import type { SchemaIssue } from './validate';
import { memoryBytes } from './quantity';
import { isZeroQuantity } from './check-helpers';
import { ZERO_MEANS } from './checks-apps';

export function checkTiers(file: ClusterFile, tiers: Readonly<Record<string, TierSpec>>): SchemaIssue[] {
  return Object.entries(file.tiers).flatMap(([name, override]) => (tiers[name] ? checkTier(name, override, tiers[name]) : []));
}

function checkTier(name: string, o: ClusterFile['tiers'][string], tier: TierSpec): SchemaIssue[] {
  const at = (...path: string[]) => ['tiers', name, ...path];
  const zeros: SchemaIssue[] = [];
  const zero = (path: string[], value: string | number | undefined, kind: 'cpu' | 'memory', meaning: string) => {
    if (isZeroQuantity(value, kind)) {
      zeros.push({
        path: at(...path),
        message: `${path.join('.')} ${JSON.stringify(value)} is zero; ${meaning}`,
        fix: `write a size (e.g. ${kind === 'cpu' ? '250m' : '256Mi'}), or remove it to keep the tier table's value`,
      });
    }
  };
  zero(['memory', 'defaultRequest'], o.memory?.defaultRequest, 'memory', ZERO_MEANS.memoryRequest);
  zero(['memory', 'defaultLimit'], o.memory?.defaultLimit, 'memory', ZERO_MEANS.memoryLimit);
  zero(['memory', 'max'], o.memory?.max, 'memory', ZERO_MEANS.memoryMax);
  zero(['cpu', 'defaultRequest'], o.cpu?.defaultRequest, 'cpu', ZERO_MEANS.cpuRequest);
  zero(['quota', 'cpu'], o.quota?.cpu, 'cpu', ZERO_MEANS.quota);
  zero(['quota', 'memory'], o.quota?.memory, 'memory', ZERO_MEANS.quota);
  zero(['quota', 'memoryLimits'], o.quota?.memoryLimits, 'memory', ZERO_MEANS.quota);
  if (zeros.length) return zeros;

  const issues: SchemaIssue[] = [];
  const { defaultRequest, defaultLimit, max } = tier.memory;
  const set = (field: keyof NonNullable<typeof o.memory>) => o.memory?.[field] !== undefined;
  if (memoryBytes(defaultRequest) > memoryBytes(defaultLimit)) {
    issues.push({
      path: at('memory', set('defaultRequest') ? 'defaultRequest' : 'defaultLimit'),
      message: `the default memory request ${defaultRequest} is above the default limit ${defaultLimit}; the API server refuses such a LimitRange`,
      fix: `keep memory.defaultRequest at most memory.defaultLimit (lower ${defaultRequest} or raise ${defaultLimit})`,
    });
  }
  if (memoryBytes(defaultLimit) > memoryBytes(max)) {
    issues.push({
      path: at('memory', set('defaultLimit') ? 'defaultLimit' : 'max'),
      message: `the default memory limit ${defaultLimit} is above the per-container maximum ${max}; the API server refuses such a LimitRange`,
      fix: `keep memory.defaultLimit at most memory.max (lower ${defaultLimit} or raise ${max})`,
    });
  }
  if (tier.memoryRequestEqualsLimit && memoryBytes(defaultRequest) !== memoryBytes(defaultLimit) && !issues.length) {
    issues.push({
      path: at('memory', set('defaultRequest') ? 'defaultRequest' : 'defaultLimit'),
      message: `tier "${name}" needs memory request = limit, and its defaults differ: request ${defaultRequest}, limit ${defaultLimit}`,
      fix: 'set memory.defaultRequest and memory.defaultLimit to the same value',
    });
  }
  return issues;
}
