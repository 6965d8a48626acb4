/** Jest runs the TypeScript sources through swc (types are checked by `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/setup-env.js'],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
