/** How an app's pods read its secrets: environment variables and read-only files, by key. */
import type { AppModel } from '../config';
import type { k8s } from '../k8s';
import { secretVolume } from '../config/mounts';
import { secretName } from '../config/secret-names';

export function secretEnv(app: AppModel): k8s.EnvVar[] {
  return Object.entries(app.secrets).flatMap(([name, ref]) =>
    Object.entries(ref.env).map(([env, key]) => ({ name: env, valueFrom: { secretKeyRef: { name: secretName(app.name, name), key } } })),
  );
}

export function secretFiles(app: AppModel): { volumes: k8s.Volume[]; mounts: k8s.VolumeMount[] } {
  const refs = Object.entries(app.secrets).filter(([, ref]) => Object.keys(ref.files).length);
  return {
    // owner and group may read, nobody else (the app's group owns the files through fsGroup)
    volumes: refs.map(([name]) => ({ name: secretVolume(name), secret: { secretName: secretName(app.name, name), defaultMode: 0o440 } })),
    mounts: refs.flatMap(([name, ref]) =>
      Object.entries(ref.files).map(([mountPath, key]) => ({ name: secretVolume(name), mountPath, subPath: key, readOnly: true })),
    ),
  };
}
