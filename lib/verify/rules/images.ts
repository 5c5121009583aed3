/** Every container image of every pod (init containers and sidecars too) is pinned: a tag other than latest, or a digest. */
import { imagePinProblem, PIN_FIX } from '../../config/checks-apps';
import { objectRef } from '../../objects/identity';
import { podSources } from '../pods';
import { containersOf } from '../../objects/pods';
import type { Rule } from '../rule';

export const pinnedImages: Rule = (tree) =>
  podSources(tree).flatMap((pod) =>
    containersOf(pod).flatMap(({ container, path }) => {
      const problem = typeof container.image === 'string' ? imagePinProblem(container.image) : undefined;
      if (!problem) return [];
      return [
        {
          level: 'error' as const,
          rule: 'images/unpinned',
          cluster: tree.cluster.name,
          app: pod.app,
          object: objectRef(pod.object),
          field: `${path}.image`,
          message: problem,
          fix: PIN_FIX,
        },
      ];
    }),
  );
