/** Cross-checks of the GPU nodes: one time-slicing config serves them all, so they must slice alike. */
import type { ClusterFile } from './schema';
import type { SchemaIssue } from './validate';

export function checkGpuNodes(file: ClusterFile): SchemaIssue[] {
  const gpuNodes = Object.entries(file.nodes).filter(([, n]) => n.gpus);
  const [first, ...rest] = gpuNodes;
  return rest
    .filter(([, n]) => n.gpus!.timeSlicing !== first[1].gpus!.timeSlicing)
    .map(([name, n]) => ({
      path: ['nodes', name, 'gpus', 'timeSlicing'],
      message: `timeSlicing ${n.gpus!.timeSlicing} differs from ${first[0]}'s ${first[1].gpus!.timeSlicing}; the device plugin gets one time-slicing config for every GPU node`,
      fix: `use timeSlicing: ${first[1].gpus!.timeSlicing} on every GPU node`,
    }));
}
