/**
 * `concord validate [dir]`: checks dialog scripts and intent files; prints `file:line: message`
 * per problem and exits 1 when there is an error. `dir` may be a project root (with dialogs/ and
 * intents/) or a directory of scripts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { formatDiagnostic, type Diagnostic } from '../diagnostics';
import { loadScripts } from '../dialogs/registry';
import { loadIntentFiles } from '../understanding/intents-file';

export interface ValidationReport {
  diagnostics: Diagnostic[];
  scripts: number;
  intents: number;
}

/** Validates the intents, then the scripts against the intents found. */
export function validateProject(dialogsDir: string, intentsDir: string): ValidationReport {
  const intents = loadIntentFiles(intentsDir);
  const known = new Set(intents.intents.map((i) => i.name));
  const scripts = loadScripts(dialogsDir, { knownIntents: intents.diagnostics.some((d) => d.severity === 'error') ? undefined : known });
  return {
    diagnostics: [...intents.diagnostics, ...scripts.diagnostics],
    scripts: scripts.registry?.all().length ?? 0,
    intents: intents.intents.length,
  };
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate [dir]')
    .description('validate dialog scripts and intents (exit 1 with file:line: message per problem)')
    .action((dir?: string) => {
      const { dialogsDir, intentsDir } = resolveDirs(dir);
      const report = validateProject(dialogsDir, intentsDir);
      for (const d of report.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
      const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
      if (errors) {
        process.stderr.write(`${errors} error(s); nothing was changed.\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`OK: ${report.scripts} dialog scripts, ${report.intents} intents.\n`);
      }
    });
}

function resolveDirs(dir?: string): { dialogsDir: string; intentsDir: string } {
  const config = loadConfig();
  if (!dir) return { dialogsDir: config.dialogsDir, intentsDir: config.intentsDir };
  const root = path.resolve(dir);
  if (fs.existsSync(path.join(root, 'dialogs'))) {
    const intents = path.join(root, 'intents');
    return { dialogsDir: path.join(root, 'dialogs'), intentsDir: fs.existsSync(intents) ? intents : config.intentsDir };
  }
  return { dialogsDir: root, intentsDir: config.intentsDir };
}
