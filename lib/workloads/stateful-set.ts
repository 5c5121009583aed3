/**
 * A StatefulSet whose volumeClaimTemplates say `apiVersion: v1, kind: PersistentVolumeClaim`.
 * The API server adds both to stored templates, so without them Argo CD shows the StatefulSet
 * OutOfSync forever (argo-cd #4126, #16707). The typed props have no such fields (a patch would
 * be dropped), hence the override.
 */
import { k8s } from '../k8s';

export class KubeStatefulSetWithTypedClaims extends k8s.KubeStatefulSet {
  override toJson(): any {
    const json = super.toJson();
    const templates = json.spec?.volumeClaimTemplates as object[] | undefined;
    if (templates) json.spec.volumeClaimTemplates = templates.map((t) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...t }));
    return json;
  }
}
