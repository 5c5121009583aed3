/**
 * The tier a pod counts under: its PriorityClass when that is a tier (a tier's class is named
 * after it), else the tier its namespace is prefixed with (`4-aux-vaultwarden`), the longest
 * matching tier name first. The capacity table, the QoS report and the review diff all ask this.
 */
export function tierOfPod(tiers: readonly string[], pod: { readonly priorityClassName?: string }, namespace = ''): string | undefined {
  if (pod.priorityClassName && tiers.includes(pod.priorityClassName)) return pod.priorityClassName;
  return [...tiers].sort((a, b) => b.length - a.length).find((t) => namespace.startsWith(`${t}-`));
}
