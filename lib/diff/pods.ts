/** Where the pods of a workload are described, and what they reference and request. */
import { containersOf, type PodTemplate } from '../objects/pods';

/** Kinds whose pods are replaced when their pod template changes (a rolling restart). */
export const ROLLING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Rendered objects are plain JSON of many shapes; the helpers below read them defensively. */
type Json = Record<string, any>;

/** ConfigMaps and Secrets the pods read (volumes, projected volumes, env, envFrom). */
export function referencedConfig(template: PodTemplate): { configMaps: Set<string>; secrets: Set<string> } {
  const spec: Json = template.spec;
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const add = (set: Set<string>, name: unknown) => typeof name === 'string' && set.add(name);
  for (const v of spec.volumes ?? []) {
    add(configMaps, v.configMap?.name);
    add(secrets, v.secret?.secretName);
    for (const s of v.projected?.sources ?? []) {
      add(configMaps, s.configMap?.name);
      add(secrets, s.secret?.name);
    }
  }
  for (const { container: c } of containersOf(template) as { container: Json }[]) {
    for (const e of c.env ?? []) {
      add(configMaps, e.valueFrom?.configMapKeyRef?.name);
      add(secrets, e.valueFrom?.secretKeyRef?.name);
    }
    for (const e of c.envFrom ?? []) {
      add(configMaps, e.configMapRef?.name);
      add(secrets, e.secretRef?.name);
    }
  }
  return { configMaps, secrets };
}
