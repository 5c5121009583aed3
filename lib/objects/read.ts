/**
 * Rendered manifests read back into final objects: the one reader of dist/ (the destructive-change
 * check, the review diff). js-yaml with the YAML 1.2 core schema, what the writer's `yaml` emits:
 * about ten times faster than `yaml`, which matters when a whole large tree is read.
 */
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { K8sObject } from './object';

/** The documents of a manifest file, or a SyntaxError-like Error naming the file. */
export function readManifest(text: string, file: string): unknown[] {
  return loadAll(text, undefined, { schema: CORE_SCHEMA, filename: file }).filter((d) => d !== null && d !== undefined);
}

/** Whether a document is a Kubernetes object (apiVersion, kind and metadata.name). */
export function isK8sObject(value: unknown): value is K8sObject {
  const o = value as Partial<K8sObject>;
  return typeof o === 'object' && o !== null && typeof o.apiVersion === 'string' && typeof o.kind === 'string' && typeof o.metadata?.name === 'string';
}
