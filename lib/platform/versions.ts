/**
 * Every third-party Helm chart the platform installs, pinned: the one place versions change.
 * Each entry carries a Renovate annotation on the line above it; `renovate.json`'s regex manager
 * reads them and opens a pull request per new version. (A test keeps each annotation equal to
 * its entry.) No image tag is overridden anywhere: images come from the pinned chart.
 *
 * `repo` is a Helm repository URL, or `oci://...` for a chart in an OCI registry (the chart is
 * then `<repo>/<chart>`).
 */

import type { ChartRef } from '../gitops/app-chart';

export const CHARTS = {
  // renovate: datasource=helm depName=metallb registryUrl=https://metallb.github.io/metallb
  metallb: { repo: 'https://metallb.github.io/metallb', chart: 'metallb', version: '0.16.1' },
  // renovate: datasource=helm depName=csi-driver-nfs registryUrl=https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts
  csiDriverNfs: { repo: 'https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts', chart: 'csi-driver-nfs', version: '4.13.0' },
  // renovate: datasource=docker depName=ghcr.io/spegel-org/helm-charts/spegel
  spegel: { repo: 'oci://ghcr.io/spegel-org/helm-charts', chart: 'spegel', version: '0.3.0' },
  // renovate: datasource=helm depName=descheduler registryUrl=https://kubernetes-sigs.github.io/descheduler
  descheduler: { repo: 'https://kubernetes-sigs.github.io/descheduler', chart: 'descheduler', version: '0.33.0' },
  // renovate: datasource=helm depName=reloader registryUrl=https://stakater.github.io/stakater-charts
  reloader: { repo: 'https://stakater.github.io/stakater-charts', chart: 'reloader', version: '2.2.7' },
  // renovate: datasource=helm depName=gpu-operator registryUrl=https://helm.ngc.nvidia.com/nvidia
  gpuOperator: { repo: 'https://helm.ngc.nvidia.com/nvidia', chart: 'gpu-operator', version: 'v25.10.1' },
  // renovate: datasource=helm depName=cert-manager registryUrl=https://charts.jetstack.io
  certManager: { repo: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.21.1' },
  // renovate: datasource=helm depName=external-dns registryUrl=https://kubernetes-sigs.github.io/external-dns
  externalDns: { repo: 'https://kubernetes-sigs.github.io/external-dns', chart: 'external-dns', version: '1.21.1' },
  // renovate: datasource=helm depName=traefik registryUrl=https://traefik.github.io/charts
  traefik: { repo: 'https://traefik.github.io/charts', chart: 'traefik', version: '41.1.1' },
  // F5's NGINX Ingress Controller (the community ingress-nginx is retired)
  // renovate: datasource=helm depName=nginx-ingress registryUrl=https://helm.nginx.com/stable
  nginxIngress: { repo: 'https://helm.nginx.com/stable', chart: 'nginx-ingress', version: '2.6.4' },
  // renovate: datasource=helm depName=external-secrets registryUrl=https://charts.external-secrets.io
  externalSecrets: { repo: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '2.9.0' },
  // renovate: datasource=helm depName=sealed-secrets registryUrl=https://bitnami-labs.github.io/sealed-secrets
  sealedSecrets: { repo: 'https://bitnami-labs.github.io/sealed-secrets', chart: 'sealed-secrets', version: '2.17.7' },
  // renovate: datasource=helm depName=kyverno registryUrl=https://kyverno.github.io/kyverno
  kyverno: { repo: 'https://kyverno.github.io/kyverno', chart: 'kyverno', version: '3.9.0' },
  // renovate: datasource=helm depName=vpa registryUrl=https://charts.fairwinds.com/stable
  vpa: { repo: 'https://charts.fairwinds.com/stable', chart: 'vpa', version: '5.0.0' },
  // renovate: datasource=helm depName=goldilocks registryUrl=https://charts.fairwinds.com/stable
  goldilocks: { repo: 'https://charts.fairwinds.com/stable', chart: 'goldilocks', version: '11.0.0' },
  // renovate: datasource=helm depName=argo-cd registryUrl=https://argoproj.github.io/argo-helm
  argoCd: { repo: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '10.1.1' },
} as const satisfies Record<string, ChartRef>;
