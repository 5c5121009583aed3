export * from './load';
export * from './model';
export * from './problems';
export * from './quantity';
export * from './tiers';
export { publishedSchema } from './validate';
