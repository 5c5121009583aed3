/** The JSON text of schema/cluster.schema.json (a test keeps the committed file equal to it). */
import { publishedSchema } from './validate';

export function schemaJson(): string {
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...publishedSchema }, null, 2) + '\n';
}
