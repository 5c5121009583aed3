/**
 * The pod template of a generic app: one container with the tier's resources (and GPUs), its
 * ports, probes, environment, files, secrets and volumes, under the restricted security
 * profile, and the GPU scheduling a GPU app needs.
 */
import type { AppModel, ClusterModel } from '../config';
import { gpuResource, gpuRuntimeClassName, gpuTolerations } from '../gpu';
import { k8s } from '../k8s';
import { secretEnv, secretFiles } from '../secrets/secret-mounts';
import { priorityClassName } from '../config/tier-names';
import { toK8sResources } from '../tiers/resources';
import { archSelector } from './arch';
import { appLabels } from '../config/labels';
import { scratchVolume } from '../config/mounts';
import { podPort } from '../config/ports';
import { containerProbes } from './probes';
import { containerSecurityContext, podSecurityContext } from './security';

/** Volumes and mounts contributed by the app's files and storage. */
interface PodVolumes {
  readonly volumes: readonly k8s.Volume[];
  readonly mounts: readonly k8s.VolumeMount[];
}

export function podTemplate(cluster: Pick<ClusterModel, 'gpu' | 'kubernetes' | 'nodes'>, app: AppModel, parts: readonly PodVolumes[]): k8s.PodTemplateSpec {
  const secrets = secretFiles(app);
  // a runaway temp dir gets the pod evicted rather than filling the node's disk
  const scratch = app.writablePaths.map((path) => ({ name: scratchVolume(path), emptyDir: { sizeLimit: k8s.Quantity.fromString('1Gi') } }));
  const all = [...parts, secrets, { volumes: scratch, mounts: app.writablePaths.map((mountPath) => ({ name: scratchVolume(mountPath), mountPath })) }];
  const volumes = all.flatMap((p) => p.volumes);
  const env = [...Object.entries(app.env).map(([name, value]) => ({ name, value })), ...secretEnv(app)];
  // init steps run with the app's env, mounts, resources and security: they prepare what it will use
  const shared = {
    // images are pinned (a config check), so a cached copy is the right one
    imagePullPolicy: 'IfNotPresent',
    ...(env.length ? { env } : {}),
    resources: containerResources(cluster, app),
    securityContext: containerSecurityContext(app),
    volumeMounts: all.flatMap((p) => p.mounts),
  };
  const initContainers = app.init.map((step) => ({
    name: step.name,
    image: step.image ?? app.image,
    command: [...step.command],
    ...(step.args ? { args: [...step.args] } : {}),
    ...shared,
  }));
  const container: k8s.Container = {
    name: app.name,
    image: app.image,
    ...(app.command ? { command: [...app.command] } : {}),
    ...(app.args ? { args: [...app.args] } : {}),
    ports: Object.entries(app.ports).map(([name, p]) => ({ name, containerPort: podPort(p), protocol: p.protocol })),
    ...containerProbes(app),
    ...shared,
  };
  const gpu = app.gpus > 0;
  const runtimeClassName = gpu ? gpuRuntimeClassName(cluster) : undefined;
  const tolerations = gpu ? gpuTolerations(cluster) : [];
  const hostNetwork = app.privileges?.hostNetwork ?? false;
  const nodeSelector = { ...(gpu ? cluster.gpu.nodeSelector : {}), ...archSelector(cluster, app) };
  return {
    metadata: { labels: appLabels(app.name) },
    spec: {
      priorityClassName: priorityClassName(app.tier),
      // most apps never talk to the Kubernetes API: no token to steal
      automountServiceAccountToken: app.serviceAccountToken,
      // Service environment variables (FOO_PORT=tcp://...) clash with apps' own settings (GITEA_PORT...)
      enableServiceLinks: false,
      ...(hostNetwork ? { hostNetwork, dnsPolicy: 'ClusterFirstWithHostNet' } : {}),
      securityContext: podSecurityContext(app),
      ...(runtimeClassName ? { runtimeClassName } : {}),
      ...(Object.keys(nodeSelector).length ? { nodeSelector } : {}),
      ...(tolerations.length ? { tolerations } : {}),
      ...(initContainers.length ? { initContainers } : {}),
      containers: [container],
      ...(volumes.length ? { volumes } : {}),
    },
  };
}

/** The tier's resources, plus GPUs as a limit (Kubernetes sets the request of an extended resource to its limit). */
function containerResources(cluster: Pick<ClusterModel, 'gpu' | 'kubernetes' | 'nodes'>, app: AppModel): k8s.ResourceRequirements {
  const resources = toK8sResources({ requests: { cpu: app.cpu, memory: app.memory }, limits: { memory: app.memoryLimit } });
  if (!app.gpus) return resources;
  return { ...resources, limits: { ...resources.limits, [gpuResource(cluster)]: k8s.Quantity.fromNumber(app.gpus) } };
}
