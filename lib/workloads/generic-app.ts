/**
 * The generic app: its workload (Deployment, StatefulSet or DaemonSet) and everything the
 * workload needs: config files, secrets, storage, Services, Ingress and a PodDisruptionBudget.
 * Labels and selectors are stable (the app's name only). The same construct serves the cluster
 * file and TypeScript charts (see `appModel` for building its `app` from a YAML-shaped spec).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AppModel, ClusterModel } from '../config';
import { k8s } from '../k8s';
import { AppIngress } from '../network/ingress';
import { AppServices, headlessServiceName } from '../network/service';
import { AppSecrets } from '../secrets/app-secrets';
import { AppStorage } from '../storage/app-storage';
import { ConfigFiles } from './config-files';
import { appLabels, selectorLabels } from '../config/labels';
import { podTemplate } from './pod';
import { KubeStatefulSetWithTypedClaims } from './stateful-set';
import { deploymentStrategy } from './update-strategy';

export interface GenericAppProps {
  readonly cluster: Pick<ClusterModel, 'apps' | 'gpu' | 'kubernetes' | 'name' | 'network' | 'nodes' | 'secrets' | 'storage'>;
  readonly app: AppModel;
}

/** Reloader restarts the workload when a ConfigMap or Secret its pods read changes (rotations included). */
const RELOADER_ANNOTATION = { 'reloader.stakater.com/auto': 'true' } as const;

export class GenericApp extends Construct {
  readonly workload: ApiObject;

  constructor(scope: Construct, id: string, { cluster, app }: GenericAppProps) {
    super(scope, id);
    const files = new ConfigFiles(this, 'files', app);
    new AppSecrets(this, 'secrets', { cluster, app });
    const storage = new AppStorage(this, 'storage', { cluster, app });
    new AppServices(this, 'services', { cluster, app });
    if (app.ingress) new AppIngress(this, 'ingress', { cluster, app });

    const readsConfig = Object.keys(app.files).length > 0 || Object.keys(app.secrets).length > 0;
    const metadata = {
      name: app.name,
      namespace: app.namespace,
      labels: appLabels(app.name),
      ...(readsConfig ? { annotations: { ...RELOADER_ANNOTATION } } : {}),
    };
    const template = podTemplate(cluster, app, [files, storage]);
    const selector = { matchLabels: selectorLabels(app.name) };
    switch (app.kind) {
      case 'Deployment':
        this.workload = new k8s.KubeDeployment(this, 'workload', {
          metadata,
          spec: { replicas: app.replicas, strategy: deploymentStrategy(cluster, app), selector, template },
        });
        break;
      case 'StatefulSet':
        this.workload = new KubeStatefulSetWithTypedClaims(this, 'workload', {
          metadata,
          spec: {
            replicas: app.replicas,
            serviceName: headlessServiceName(app.name),
            updateStrategy: { type: 'RollingUpdate' },
            // deleting or scaling down the StatefulSet keeps its claims: data goes only by hand
            persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
            selector,
            template,
            ...(storage.claimTemplates.length ? { volumeClaimTemplates: storage.claimTemplates } : {}),
          },
        });
        break;
      case 'DaemonSet':
        this.workload = new k8s.KubeDaemonSet(this, 'workload', {
          metadata,
          spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1) } }, selector, template },
        });
        break;
    }
    // a drain takes one replica at a time; with one replica there is nothing to keep up, and a budget would block the drain
    if (app.kind !== 'DaemonSet' && app.replicas > 1) {
      new k8s.KubePodDisruptionBudget(this, 'disruption-budget', {
        metadata: { name: app.name, namespace: app.namespace, labels: appLabels(app.name) },
        spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector },
      });
    }
  }
}
