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
  // The layers point one way: api/ and activities/ both use domain/, workflows/ and db/, and
  // neither imports the other; db/ and domain/ import neither; only the worker's entry wires it up.
  ...fence('activities/**/*.ts', ['api', 'worker'], 'Activities run in the worker: share code through domain/ or db/, never the HTTP tree.'),
  ...fence('api/**/*.ts', ['activities', 'worker'], 'The API talks to workflows through Temporal: share code through domain/ or db/.'),
  ...fence('db/**/*.ts', ['api', 'activities', 'worker', 'infra'], 'db/ owns storage: it may use domain/ and workflow types, nothing above it.'),
  ...fence('domain/**/*.ts', ['api', 'activities', 'worker', 'infra', 'db'], 'domain/ holds pure rules: no HTTP, storage or process code (reference data excepted).', ['db/reference']),
);

/** A layer's files may not import the named top-level folders (but for the `except` ones within them). */
function fence(files, folders, message, except = []) {
  const folder = `(${folders.join('|')})`;
  const exempt = except.length ? `(?!${except.map((e) => e.slice(e.indexOf('/') + 1)).join('|')}/)` : '';
  // Relative imports climbing out to the repository's top-level folder: '../api/app', '../../db/orm'.
  const regex = `^(\\.\\./)+${folder}(/${exempt}|$)`;
  return [{ files: [files], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message }] }] } }];
}
