/**
 * The diff model: what changed between two rendered trees, object by object and field by field,
 * plus the flags a reviewer must not miss and the capacity deltas. Plain data, so that the text,
 * Markdown and JSON renderers (and tools reading the JSON) all see the same thing.
 */
import type { K8sObject } from '../gitops/collect';

/** A rendered tree: path from the project root (`dist/<cluster>/<app>/<file>`, `argocd/<cluster>.yaml`) -> YAML text. */
export type Tree = ReadonlyMap<string, string>;

/** One object of a tree, and where it is. */
export interface Located {
  readonly cluster: string;
  /** The Argo CD application (folder under dist/<cluster>/), or `argocd` for the bootstrap file. */
  readonly app: string;
  readonly file: string;
  readonly object: K8sObject;
}

/** `Kind namespace/name` as reviewers read it. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** A line of a line diff: ' ' context, '-' removed, '+' added; hunks start with '@@'. */
export type DiffLine = string;

export interface FieldChange {
  /** Path segments: keys, `[3]` for list positions, `[name]` for named list entries (containers, ports, env...). */
  readonly path: readonly string[];
  /** Absent when the field is new. */
  readonly before?: unknown;
  /** Absent when the field is gone. */
  readonly after?: unknown;
  /** For multi-line strings (embedded config): a unified line diff of before -> after. */
  readonly lines?: readonly DiffLine[];
}

export type ChangeType = 'added' | 'removed' | 'changed' | 'moved';

export interface ObjectChange {
  readonly type: ChangeType;
  readonly cluster: string;
  /** Where the object is now (where it was, when removed). */
  readonly app: string;
  readonly file: string;
  readonly object: ObjectRef;
  /** For a move: where it was. */
  readonly from?: { readonly app: string; readonly file: string };
  /** Field changes of a changed or moved object (empty for added and removed ones). */
  readonly fields: readonly FieldChange[];
  /** The objects themselves, for the flags (not rendered). */
  readonly before?: K8sObject;
  readonly after?: K8sObject;
}

export const FLAG_CATEGORIES = ['restart', 'stateful', 'immutable', 'exposure', 'version', 'policy'] as const;
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];

/** Something a reviewer must not miss, attached to one object. */
export interface Flag {
  readonly category: FlagCategory;
  readonly cluster: string;
  readonly app: string;
  readonly object: ObjectRef;
  readonly message: string;
}

/** Change of requested capacity (new minus old) for one tier or one node. */
export interface CapacityDelta {
  readonly cluster: string;
  readonly scope: 'tier' | 'node';
  /** Tier name, node name, or the nodeSelector (`k=v,k=v`) that picks the nodes. */
  readonly name: string;
  /** DaemonSet pods: the delta is per node the DaemonSet runs on. */
  readonly perNode: boolean;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  readonly gpus: number;
}

export interface DiffReport {
  /** What was compared, for the headings: a revision, `working tree`... */
  readonly from: string;
  readonly to: string;
  readonly changes: readonly ObjectChange[];
  readonly flags: readonly Flag[];
  readonly capacity: readonly CapacityDelta[];
}
