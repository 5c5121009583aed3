/** Every container image of every pod (init and ephemeral containers too) is pinned: a tag other than latest, or a digest. */
import { imagePinProblem, PIN_FIX } from '../../config/checks';
import { objectRef } from '../finding';
import { podSources } from '../pods';
import type { Rule } from '../rule';

export const pinnedImages: Rule = (tree) =>
  podSources(tree).flatMap(({ app, object, spec, specField }) =>
    (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((list) =>
      ((spec[list] ?? []) as { image?: string }[]).flatMap((c, i) => {
        const problem = typeof c.image === 'string' ? imagePinProblem(c.image) : undefined;
        if (!problem) return [];
        return [{
          level: 'error' as const,
          rule: 'images/unpinned',
          cluster: tree.cluster.name,
          app,
          object: objectRef(object),
          field: `${specField}.${list}[${i}].image`,
          message: problem,
          fix: PIN_FIX,
        }];
      }),
    ),
  );
