/** Version bumps: container images of workloads, and chart or git revisions of Argo CD Applications. */
import type { K8sObject } from '../../gitops/collect';
import type { Flag, ObjectChange } from '../model';
import { containersOf, podTemplateOf } from '../../objects/pods';
import { flag, type FlagRule } from './flag-rule';

export const versionBumps: FlagRule = (changes) =>
  changes.filter((c) => c.before && c.after && c.fields.length).flatMap((c) => [...imageBumps(c), ...revisionBumps(c)]);

function imageBumps(change: ObjectChange): Flag[] {
  const images = (o: K8sObject) => {
    const template = podTemplateOf(o);
    return new Map((template ? containersOf(template) : []).map(({ container }) => [container.name, container.image]));
  };
  const [was, now] = [images(change.before!), images(change.after!)];
  return [...now]
    .filter(([name, image]) => was.has(name) && was.get(name) !== image)
    .map(([name, image]) => flag('version', change, `container ${name}: image ${was.get(name)} → ${image}`));
}

interface Source {
  repoURL?: string;
  chart?: string;
  path?: string;
  targetRevision?: string;
}

function revisionBumps(change: ObjectChange): Flag[] {
  if (change.object.kind !== 'Application' || !change.object.apiVersion.startsWith('argoproj.io/')) return [];
  const sources = (o: K8sObject) => {
    const spec = (o.spec ?? {}) as { source?: Source; sources?: Source[] };
    return new Map((spec.sources ?? (spec.source ? [spec.source] : [])).map((s) => [sourceName(s), s.targetRevision ?? 'HEAD']));
  };
  const [was, now] = [sources(change.before!), sources(change.after!)];
  return [...now]
    .filter(([name, revision]) => was.has(name) && was.get(name) !== revision)
    .map(([name, revision]) => flag('version', change, `${name}: ${was.get(name)} → ${revision}`));
}

/** `chart descheduler (https://...)`, `git https://...repo path/to/dir`. */
function sourceName(s: Source): string {
  return s.chart ? `chart ${s.chart} (${s.repoURL})` : `git ${s.repoURL}${s.path ? ` ${s.path}` : ''}`;
}
