// @ts-check
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', '.data/', '.bench-tmp/', 'coverage/', 'db/migrations/*.ts', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed deterministically in a sandbox: no I/O, no Node, no logging
    // library, and activities only as types (proxyActivities gives the callable stubs).
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins.' })),
            { name: 'pino', message: 'Workflows log through @temporalio/workflow log.' },
          ],
          patterns: [
            { group: ['**/api', '**/api/**'], message: 'Workflows must not import the API.' },
            { group: ['**/db', '**/db/**'], message: 'Workflows must not import the database layer.' },
            { group: ['**/infra/**', '**/worker/**'], message: 'Workflows must not import process code.' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activities as types only.' },
            { group: ['@temporalio/worker', '@temporalio/client', '@temporalio/activity', '@mikro-orm/*'], message: 'Not in workflow code.' },
          ],
        },
      ],
    },
  },
);
