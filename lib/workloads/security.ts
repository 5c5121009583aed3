/**
 * Pod Security: every app runs under the "restricted" profile (non-root, no privilege
 * escalation, no capabilities, the runtime's seccomp profile, a read-only root filesystem)
 * unless it declares `privileges` with a reason; its namespace enforces the level it needs.
 */
import type { AppModel } from '../config';
import type { FileApp } from '../config/app-model';
import type { k8s } from '../k8s';
import type { PodSecurityLevel } from '../tiers/namespace';

/** The capabilities Pod Security "baseline" allows adding (restricted: NET_BIND_SERVICE only). */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export function podSecurityLevel(app: Pick<FileApp, 'privileges' | 'volumes'>): PodSecurityLevel {
  const p = app.privileges;
  if (p && (p.privileged || p.hostNetwork || p.capabilities.some((c) => !BASELINE_CAPABILITIES.has(c)))) return 'privileged';
  // restricted allows no inline nfs volume (only claims, configMaps, secrets, emptyDirs...)
  const inlineNfs = Object.values(app.volumes).some((v) => v.nfs);
  if (inlineNfs || (p && (p.root || p.capabilities.some((c) => c !== 'NET_BIND_SERVICE')))) return 'baseline';
  return 'restricted';
}

export function podSecurityContext(app: AppModel): k8s.PodSecurityContext {
  const seccompProfile = { type: 'RuntimeDefault' };
  if (app.privileges?.root) return { runAsUser: 0, runAsGroup: 0, seccompProfile };
  return {
    runAsNonRoot: true,
    // explicit ids: an image whose USER is root would otherwise be refused by runAsNonRoot
    runAsUser: app.runAs.user,
    runAsGroup: app.runAs.group,
    // volumes are group-writable for the app's group; re-chown only when the root's owner differs
    fsGroup: app.runAs.group,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile,
  };
}

export function containerSecurityContext(app: AppModel): k8s.SecurityContext {
  const p = app.privileges;
  return {
    // a privileged container escalates by definition (the API refuses false with privileged)
    allowPrivilegeEscalation: p?.privileged ?? false,
    ...(p?.privileged ? { privileged: true } : {}),
    readOnlyRootFilesystem: !p?.writableRootFilesystem,
    capabilities: { drop: ['ALL'], ...(p?.capabilities.length ? { add: [...p.capabilities] } : {}) },
  };
}
