/**
 * Where an app's files and volumes appear in its containers: one list of every mount path, so
 * the checks (no two mounts at one path) and the pod (volumeMounts) see the same thing.
 */
import type { FileApp } from './app-model';

interface MountPoint {
  /** Field path of the declaration, under `apps.<name>`. */
  readonly path: (string | number)[];
  readonly mountPath: string;
}

/** A ConfigMap or Secret key for a file mounted at `path` ("/etc/app/app.ini" -> "etc_app_app.ini"). */
export function fileKey(path: string): string {
  return path.slice(1).replaceAll('/', '_');
}

export function mountPoints(app: FileApp): MountPoint[] {
  return [
    ...Object.keys(app.files).map((p) => ({ path: ['files', p], mountPath: p })),
    ...Object.entries(app.secrets).flatMap(([name, s]) => Object.keys(s.files).map((p) => ({ path: ['secrets', name, 'files', p], mountPath: p }))),
    ...Object.entries(app.volumes).map(([name, v]) => ({ path: ['volumes', name, 'mountPath'], mountPath: v.mountPath })),
    ...app.writablePaths.map((p, i) => ({ path: ['writablePaths', i], mountPath: p })),
  ];
}

/** Pod volumes the generator adds next to the app's own `volumes` (whose names must not clash). */
export const FILES_VOLUME = 'files';
export const secretVolume = (secret: string) => `secret-${secret}`;
export const scratchVolume = (path: string) => `scratch${path.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 63).replace(/-+$/, '');

export function isGeneratedVolumeName(name: string): boolean {
  return name === FILES_VOLUME || name.startsWith('secret-') || name.startsWith('scratch-');
}
