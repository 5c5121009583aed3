/**
 * The cluster file schema: one source for the validator (lib/config/load.ts), the published
 * JSON Schema (schema/cluster.schema.json, `npm run schema`) and the TypeScript types.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Name, Strict } from './common';
import { Apps } from './apps';
import { Gpu } from './gpu';
import { Network } from './network';
import { Nodes } from './nodes';
import { Secrets } from './secrets';
import { Storage } from './storage';
import { Tiers } from './tiers';
import { Utilities } from './utilities';

export const ClusterFile = Strict(
  {
    name: Name,
    kubernetes: Strict({
      version: Type.String({ pattern: '^1\\.(3[0-9])$', description: 'minor version, e.g. "1.34"' }),
      distribution: Type.Union([Type.Literal('kubeadm'), Type.Literal('k3s'), Type.Literal('talos')], { default: 'kubeadm' }),
    }),
    gitops: Strict({
      /** The git repository Argo CD reads (this repository). */
      repoURL: Type.String({ minLength: 1 }),
      targetRevision: Type.String({ minLength: 1, default: 'main' }),
      /**
       * Where this project sits in the repository (empty: at its root): Argo CD reads
       * `<path>/dist/<cluster>/...`. For a repository that holds more than the cluster, e.g. `infra/k8s`.
       */
      path: Type.String({ pattern: '^([A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)?$', default: '', title: 'relative folder', description: 'a relative folder such as infra/k8s, without leading or trailing slash' }),
      /**
       * A private repository's credential, from the cluster's secrets provider (never a value in
       * git): `remoteKey` names the store entry (external-secrets), `sealed` holds kubeseal output
       * (sealed-secrets). Keys: username and password (https), or sshPrivateKey (ssh).
       */
      credentials: Type.Optional(
        Strict({
          remoteKey: Type.Optional(Type.String({ minLength: 1 })),
          sealed: Type.Optional(Strict({ username: Type.Optional(Type.String({ minLength: 1 })), password: Type.Optional(Type.String({ minLength: 1 })), sshPrivateKey: Type.Optional(Type.String({ minLength: 1 })) })),
        }),
      ),
      argocdNamespace: Type.String({ pattern: Name.pattern, default: 'argocd' }),
      /**
       * Minimal RBAC: the `apps` project may create no Role, RoleBinding or other RBAC object, and no
       * app gets an API token. Only the platform (monitoring, job spawners...) holds service accounts.
       */
      minimalRbac: Type.Boolean({ default: false }),
    }),
    nodes: Nodes,
    tiers: Tiers,
    storage: Storage,
    network: Network,
    utilities: Utilities,
    gpu: Gpu,
    secrets: Secrets,
    apps: Apps,
    /** TypeScript charts of one's own, by name (registered in charts/custom/index.ts). */
    charts: Type.Array(Name, { default: [], uniqueItems: true }),
  },
  { $id: 'https://example.com/homelab-gitops/cluster.schema.json', title: 'Cluster file' },
);

export type ClusterFile = Static<typeof ClusterFile>;
