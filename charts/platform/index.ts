/**
 * The cluster's utilities: one Argo CD application each, for those the model enables
 * (lib/config/utilities.ts decides, from the cluster file).
 */
import type { Construct } from 'constructs';
import type { ClusterModel, UtilityName } from '../../lib/config';
import { ArgoCd } from './argocd';
import { CertManager } from './cert-manager';
import { CsiNfs } from './csi-nfs';
import { Descheduler } from './descheduler';
import { ExternalDns } from './external-dns';
import { ExternalSecrets } from './external-secrets';
import { Goldilocks } from './goldilocks';
import { GpuOperator } from './gpu-operator';
import { Ingress } from './ingress';
import { Kyverno } from './kyverno';
import { MetalLB } from './metallb';
import { Reloader } from './reloader';
import { SealedSecrets } from './sealed-secrets';
import { Spegel } from './spegel';
import { Vpa } from './vpa';

const UTILITY_CHARTS: { readonly [U in UtilityName]: new (scope: Construct, cluster: ClusterModel) => unknown } = {
  metallb: MetalLB,
  'csi-nfs': CsiNfs,
  spegel: Spegel,
  descheduler: Descheduler,
  reloader: Reloader,
  'gpu-operator': GpuOperator,
  'cert-manager': CertManager,
  'external-dns': ExternalDns,
  ingress: Ingress,
  'external-secrets': ExternalSecrets,
  'sealed-secrets': SealedSecrets,
  kyverno: Kyverno,
  vpa: Vpa,
  goldilocks: Goldilocks,
  argocd: ArgoCd,
};

export function buildPlatform(scope: Construct, cluster: ClusterModel): void {
  for (const utility of Object.values(cluster.utilities)) {
    if (utility.enabled) new UTILITY_CHARTS[utility.name](scope, cluster);
  }
}
