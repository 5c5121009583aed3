/** No secret values in git: a Secret object may not carry data (use an ExternalSecret or a SealedSecret). */
import { objectRef } from '../../objects/identity';
import { ownedObjects } from '../objects';
import type { Rule } from '../rule';

export const secrets: Rule = (tree) =>
  ownedObjects(tree).flatMap(({ app, object }) => {
    if (object.kind !== 'Secret') return [];
    return (['data', 'stringData'] as const)
      .filter((field) => Object.keys((object[field] as object | undefined) ?? {}).length)
      .map((field) => ({
        level: 'error' as const,
        rule: 'secrets/plaintext',
        cluster: tree.cluster.name,
        app,
        object: objectRef(object),
        field,
        message: `the Secret carries ${field}; it would be committed to git in plain text (base64 is not encryption)`,
        fix: 'keep the value out of git: have an ExternalSecret or a SealedSecret create the Secret',
      }));
  });
