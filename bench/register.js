/**
 * Lets `node -r ./bench/register.js some-script.ts` run TypeScript benchmarks and training
 * scripts directly, compiling each file with @swc/core (types are checked by `tsc`, not here).
 */
const { transformSync } = require('@swc/core');
const fs = require('node:fs');

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
