/**
 * A final API object as it will be written: plain JSON, whatever built it (a typed construct, an
 * escape hatch, a chart of one's own, or a profile's prediction of a Helm chart).
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}
