/** Names derived from tiers, used by every chart: one place so they never drift apart. */

/** The PriorityClass of a tier is named after the tier itself (`0-core`, `2-gpu`...). */
export function priorityClassName(tier: string): string {
  return tier;
}

/** Every app runs in a namespace of its own, prefixed by its tier: `4-aux-vaultwarden`. */
export function tierNamespace(tier: string, app: string): string {
  return `${tier}-${app}`;
}
