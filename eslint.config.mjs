// Lint for the TypeScript sources and tests (npm test runs it). Type-checking itself is tsc's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'imports/', 'dist/', 'examples/', 'coverage/', 'bench/stock/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // final objects are plain JSON read by many rules: `any` is how they are walked, on purpose
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // CommonJS entry points (bin/synth.cjs, bench/*.cjs) and lazy requires are deliberate
      '@typescript-eslint/no-require-imports': 'off',
      // `cond && act()` and `(a(), b)` in one-line branches are the house style
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // input checks look for control characters on purpose
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
