/**
 * One profile per pinned chart (lib/platform/versions.ts), read from the chart at that version.
 * A pinned version without its profile (a Renovate bump) is a synth error naming the file to update.
 */
import type { ChartProfile } from '../profile';
import { CHARTS } from '../versions';
import { type ChartRef } from '../../gitops/app-chart';
import { PROFILE as argoCd } from './argocd';
import { PROFILE as certManager } from './cert-manager';
import { PROFILE as csiDriverNfs } from './csi-nfs';
import { PROFILE as descheduler } from './descheduler';
import { PROFILE as externalDns } from './external-dns';
import { PROFILE as externalSecrets } from './external-secrets';
import { PROFILE as goldilocks } from './goldilocks';
import { PROFILE as gpuOperator } from './gpu-operator';
import { PROFILE as kyverno } from './kyverno';
import { PROFILE as metallb } from './metallb';
import { PROFILE as nginxIngress } from './nginx-ingress';
import { PROFILE as reloader } from './reloader';
import { PROFILE as sealedSecrets } from './sealed-secrets';
import { PROFILE as spegel } from './spegel';
import { PROFILE as traefik } from './traefik';
import { PROFILE as vpa } from './vpa';

interface ProfileEntry {
  readonly profile: ChartProfile;
  /** Where it is written, for the message when the pinned version moves on. */
  readonly file: string;
}

const entry = (profile: ChartProfile, name: string): ProfileEntry => ({ profile, file: `lib/platform/profiles/${name}.ts` });

export const PROFILES: { readonly [K in keyof typeof CHARTS]: ProfileEntry } = {
  metallb: entry(metallb, 'metallb'),
  csiDriverNfs: entry(csiDriverNfs, 'csi-nfs'),
  spegel: entry(spegel, 'spegel'),
  descheduler: entry(descheduler, 'descheduler'),
  reloader: entry(reloader, 'reloader'),
  gpuOperator: entry(gpuOperator, 'gpu-operator'),
  certManager: entry(certManager, 'cert-manager'),
  externalDns: entry(externalDns, 'external-dns'),
  traefik: entry(traefik, 'traefik'),
  nginxIngress: entry(nginxIngress, 'nginx-ingress'),
  externalSecrets: entry(externalSecrets, 'external-secrets'),
  sealedSecrets: entry(sealedSecrets, 'sealed-secrets'),
  kyverno: entry(kyverno, 'kyverno'),
  vpa: entry(vpa, 'vpa'),
  goldilocks: entry(goldilocks, 'goldilocks'),
  argoCd: entry(argoCd, 'argocd'),
};

/** Why a chart's pods cannot be predicted. */
interface ProfileProblem {
  readonly message: string;
  readonly fix: string;
}

/** The profile of a pinned chart, or why there is none (the profile describes another version). */
export function profileOf(chart: ChartRef): { profile?: ChartProfile; problem?: ProfileProblem } {
  const key = (Object.keys(CHARTS) as (keyof typeof CHARTS)[]).find((k) => CHARTS[k].repo === chart.repo && CHARTS[k].chart === chart.chart);
  const found = key && PROFILES[key];
  if (!found) {
    return {
      problem: {
        message: `no chart profile describes ${chart.chart} from ${chart.repo}, so its pods cannot be counted or checked`,
        fix: `add one under lib/platform/profiles/, read from the chart's values.yaml and templates at ${chart.version}`,
      },
    };
  }
  if (found.profile.version !== chart.version) {
    return {
      problem: {
        message: `${chart.chart} is pinned at ${chart.version} (lib/platform/versions.ts), but its profile ${found.file} describes ${found.profile.version}: the values, resources and pods of ${chart.version} are unchecked`,
        fix: `read the chart at ${chart.version} (values.yaml, values.schema.json, the templates of every workload and hook) and update ${found.file}, its version included`,
      },
    };
  }
  return { profile: found.profile };
}
