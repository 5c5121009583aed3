/**
 * An app's config files: one ConfigMap `<app>-files`, each file mounted read-only at its path
 * (through subPath, so it can sit in a directory of the image). subPath mounts do not follow
 * ConfigMap updates, so the workload carries the Reloader annotation: a change restarts it.
 */
import { Construct } from 'constructs';
import type { AppModel } from '../config';
import { k8s } from '../k8s';
import { appLabels } from '../config/labels';
import { FILES_VOLUME, fileKey } from '../config/mounts';

export class ConfigFiles extends Construct {
  readonly volumes: k8s.Volume[] = [];
  readonly mounts: k8s.VolumeMount[] = [];

  constructor(scope: Construct, id: string, app: AppModel) {
    super(scope, id);
    const paths = Object.keys(app.files);
    if (!paths.length) return;
    const name = `${app.name}-files`;
    new k8s.KubeConfigMap(this, 'config-map', {
      metadata: { name, namespace: app.namespace, labels: appLabels(app.name) },
      data: Object.fromEntries(paths.map((p) => [fileKey(p), app.files[p]])),
    });
    this.volumes.push({ name: FILES_VOLUME, configMap: { name } });
    this.mounts.push(...paths.map((p) => ({ name: FILES_VOLUME, mountPath: p, subPath: fileKey(p), readOnly: true })));
  }
}
