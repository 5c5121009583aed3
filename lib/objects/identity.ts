/** What identifies a final object to the API server, and how messages name it. */

interface Named {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/** `apps/v1` -> `apps`; `v1` -> `` (the core group). A version change keeps an object's identity. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Group, kind, namespace, name: what the API server keys an object by. */
export function objectKey(o: Named & { apiVersion: string }): string {
  return `${apiGroup(o.apiVersion)}|${objectRef(o)}`;
}

/** `Kind/namespace/name` or `Kind/name`: how findings, flags and --allow-destroy name an object. */
export function objectRef(o: Named): string {
  return [o.kind, o.metadata.namespace, o.metadata.name].filter(Boolean).join('/');
}
