/**
 * Reading `kubectl get vpa -A -o json`: the upper bound each VerticalPodAutoscaler recommends for
 * each container it watches. Anything else (a missing file, bad JSON, a list of something else)
 * is an InputError of one line, for the command line's exit code 2.
 */
import { readFileSync, statSync } from 'node:fs';

export class InputError extends Error {}

/** A VPA recommendation as Kubernetes writes it: quantity strings ("25m", "262144k", "1102117711"). */
export interface Bound {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface Vpa {
  readonly namespace: string;
  readonly name: string;
  /** Container name -> VPA's `upperBound` for it; empty until the recommender has enough history. */
  readonly upperBounds: ReadonlyMap<string, Bound>;
}

export function readVpaList(path: string): Vpa[] {
  let text: string;
  try {
    // a pipe or a device would block the read forever (`<(kubectl ...)` is one): save the list to a file first
    if (!statSync(path).isFile()) throw new InputError(`${path} is not a regular file: save the output of kubectl get vpa -A -o json to a file and give that`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path} is not JSON (${(e as Error).message}): save the output of kubectl get vpa -A -o json`);
  }
  return vpaList(data, path);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A v1 List of VPAs, or one VPA (`kubectl get vpa NAME -o json`). */
function vpaList(data: unknown, path: string): Vpa[] {
  const notVpas = (what: string) => new InputError(`${path} is not a list of VerticalPodAutoscalers (${what}): save the output of kubectl get vpa -A -o json`);
  if (!isObject(data)) throw notVpas(`it holds ${Array.isArray(data) ? 'an array' : typeof data}`);
  const items = data.kind === 'VerticalPodAutoscaler' ? [data] : data.items;
  if (!Array.isArray(items)) throw notVpas(`kind ${JSON.stringify(data.kind)} without items`);
  return items.map((item, i) => {
    const at = `items[${i}]`;
    if (!isObject(item) || item.kind !== 'VerticalPodAutoscaler' || !String(item.apiVersion).startsWith('autoscaling.k8s.io/')) {
      throw notVpas(`${at} is ${isObject(item) ? `a ${String(item.kind)} of ${String(item.apiVersion)}` : 'not an object'}`);
    }
    const metadata = isObject(item.metadata) ? item.metadata : {};
    if (typeof metadata.name !== 'string' || typeof metadata.namespace !== 'string') throw notVpas(`${at} has no metadata.name and metadata.namespace`);
    return { namespace: metadata.namespace, name: metadata.name, upperBounds: upperBounds(item.status) };
  });
}

function upperBounds(status: unknown): Map<string, Bound> {
  const recommendation = isObject(status) && isObject(status.recommendation) ? status.recommendation : {};
  const containers = Array.isArray(recommendation.containerRecommendations) ? recommendation.containerRecommendations : [];
  const quantity = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return new Map(
    containers
      .filter((c): c is Json => isObject(c) && typeof c.containerName === 'string' && isObject(c.upperBound))
      .map((c) => {
        const ub = c.upperBound as Json;
        return [c.containerName as string, { cpu: quantity(ub.cpu), memory: quantity(ub.memory) }];
      }),
  );
}
