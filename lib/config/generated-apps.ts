/**
 * The Argo CD Applications synth generates for every cluster, beside one per utility and app.
 * Their names are reserved: an app named `root` would render a second root Application that
 * replaces the bootstrap one, and Argo CD would prune every child with it.
 */
export const ROOT_APP = 'root';
/** The app-of-apps folder: the child Applications. */
export const APPS_FOLDER = 'apps';
export const TIERS_APP = 'tiers';
export const TIER_POLICIES_APP = 'tier-policies';

export const GENERATED_APPS: readonly string[] = [ROOT_APP, APPS_FOLDER, TIERS_APP, TIER_POLICIES_APP];
/** With `network.loadBalancer: cilium`: the CiliumLoadBalancerIPPools and the L2 announcement policy. */
export const CILIUM_LB_APP = 'cilium-lb';
