/**
 * A VerticalPodAutoscaler in recommend-only mode (`updateMode: Off`) for a workload: it never
 * changes pods (git stays the source of truth); Goldilocks shows its recommendations, which feed
 * back into the cluster file through `upperBound` and the x1.2 / x1.3 headroom rule.
 */
import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { VerticalPodAutoscaler, VerticalPodAutoscalerSpecUpdatePolicyUpdateMode } from '../../imports/vpa-autoscaling.k8s.io';

export class RecommendOnlyVpa extends Construct {
  constructor(scope: Construct, id: string, workload: ApiObject) {
    super(scope, id);
    new VerticalPodAutoscaler(this, 'vpa', {
      metadata: { name: workload.name, namespace: workload.metadata.namespace, labels: workload.metadata.toJson().labels },
      spec: {
        targetRef: { apiVersion: workload.apiVersion, kind: workload.kind, name: workload.name },
        updatePolicy: { updateMode: VerticalPodAutoscalerSpecUpdatePolicyUpdateMode.OFF },
      },
    });
  }
}
