/**
 * Argo CD managing itself, in the namespace the bootstrap installed it into. Its argocd-cm
 * restores the health check of Application objects (removed in Argo CD 1.8): without it the
 * root application does not wait for a child to be healthy before the next sync wave.
 * Deleting this Application never cascades: that would uninstall Argo CD.
 *
 * Values for chart argo-cd 10.1.1 (profile: lib/platform/profiles/argocd.ts). The chart defaults
 * no resources anywhere, so each container is sized here, the repo server's copyutil init
 * container and the redis-secret-init hook Job (PreSync on every sync) included. Every pod, the
 * hook's too, takes `global.priorityClassName`, so that PriorityClass must exist before a hand
 * `helm install` of these values.
 */
import type { Construct } from 'constructs';
import type { ClusterModel } from '../../lib/config';
import { UtilityChart } from '../../lib/platform/utility-chart';
import { RepositoryCredential } from '../../lib/secrets/repository-credential';
import { CHARTS } from '../../lib/platform/versions';

const ARGOCD = 'argocd';

/** An Application is as healthy as Argo CD found it; Progressing until it has been assessed. */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

export class ArgoCd extends UtilityChart<'argocd'> {
  constructor(scope: Construct, cluster: ClusterModel) {
    super(scope, {
      cluster,
      utility: ARGOCD,
      chart: CHARTS.argoCd,
      podSecurity: 'baseline',
      crds: ['argoproj.io'],
      cascadeDelete: false,
      values: ({ priorityClassName, resources }) => ({
        crds: { install: true, keep: true },
        global: { priorityClassName },
        configs: { cm: { 'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA } },
        controller: { resources: resources('controller') },
        server: { resources: resources('server') },
        // copyutil (init) would inherit the repo server's size anyway: say so, so the profile sees it
        repoServer: { resources: resources('repoServer'), copyutil: { resources: resources('repoServer') } },
        applicationSet: { resources: resources('applicationSet') },
        notifications: { resources: resources('notifications') },
        redis: { resources: resources('redis') },
        // the pre-install/pre-upgrade hook Job that writes the argocd-redis Secret
        redisSecretInit: { resources: resources('redisSecretInit') },
        // no SSO connector is configured, so no Dex
        dex: { enabled: false },
      }),
    });
    // a private repository: the credential Argo CD reads, from the secrets provider
    if (cluster.gitops.credentials) new RepositoryCredential(this, 'repository', cluster);
  }
}
