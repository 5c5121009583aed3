/** A claim's spec as the typed API writes it (names and access modes: lib/config/claims.ts). */
import { k8s } from '../k8s';

export function claimSpec(accessMode: string, size: string, storageClassName: string, volumeName?: string): k8s.PersistentVolumeClaimSpec {
  return {
    accessModes: [accessMode],
    storageClassName,
    ...(volumeName ? { volumeName } : {}),
    resources: { requests: { storage: k8s.Quantity.fromString(size) } },
  };
}
