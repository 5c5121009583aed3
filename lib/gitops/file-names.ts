/**
 * One object per file in an application's folder, named so a review diff says which object
 * changed: `<kind>-<name>.yaml`, plus `.<namespace>` for an object outside the folder's namespace.
 */
export function fileName(object: { kind: string; metadata: { name: string; namespace?: string } }, folderNamespace: string): string {
  const { name, namespace } = object.metadata;
  const outside = namespace && namespace !== folderNamespace ? `.${namespace}` : '';
  return `${object.kind.toLowerCase()}-${name}${outside}.yaml`;
}
