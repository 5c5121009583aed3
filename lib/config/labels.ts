/**
 * Labels of an app's objects. The selector uses only the app's name: selectors are immutable, so
 * they must not contain anything that can change (versions, hashes, construct paths).
 */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'homelab-gitops' } as const;

export function selectorLabels(app: string): Record<string, string> {
  return { 'app.kubernetes.io/name': app };
}

export function appLabels(app: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...selectorLabels(app), ...MANAGED_BY, ...extra };
}
