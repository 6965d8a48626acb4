#!/usr/bin/env node
/*
 * Bundles the admin console's editor (CodeMirror 6 + the `yaml` package) with esbuild into
 * web/admin/build/ (git-ignored; served under /static/admin/build/). Runs in `npm run build`.
 */
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

esbuild.build({
  entryPoints: [path.join(root, 'web/admin/editor-entry.js')],
  outfile: path.join(root, 'web/admin/build/editor.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
}).catch(() => {
  process.exitCode = 1;
});
