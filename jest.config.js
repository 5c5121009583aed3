/** Tests run TypeScript through swc (no type-checking here: `tsc --noEmit` does that in `npm test`). */
module.exports = {
  testEnvironment: 'node',
  // jest's default is one worker per core minus one: a single worker on a 2-core machine
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
};
