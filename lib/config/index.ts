export * from './load';
export * from './model';
export * from './problems';
export * from './quantity';
export * from './tiers';
export * from './utilities';
export * from './utility-defaults';
export { publishedSchema } from './validate';
