/** Tier resources (lib/config/tier-resources.ts) as the typed API's ResourceRequirements. */
import type { PlainResources } from '../config/tier-resources';
import { k8s } from '../k8s';

export function toK8sResources(r: PlainResources): k8s.ResourceRequirements {
  return {
    requests: { cpu: k8s.Quantity.fromString(r.requests.cpu), memory: k8s.Quantity.fromString(r.requests.memory) },
    limits: { memory: k8s.Quantity.fromString(r.limits.memory) },
  };
}
