/** `concord test [files...]`: runs golden conversation files and reports pass/fail per turn. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { runGoldenFile, type GoldenResult } from '../golden/runner';

const DEFAULT_DIR = 'test/conversations';

export function registerTestCommand(program: Command): void {
  program
    .command('test [files...]')
    .description(`run golden conversation files (default: ${DEFAULT_DIR}/*.yaml) through the real server`)
    .option('--dialogs <dir>', 'dialog scripts to test (default: DIALOGS_DIR)')
    .action(async (files: string[], opts: { dialogs?: string }) => {
      const targets = files.length ? files : listDefault();
      let failed = 0;
      for (const file of targets) {
        const result = await runGoldenFile(file, { dialogsDir: opts.dialogs });
        process.stdout.write(report(result));
        if (!result.passed) failed++;
      }
      process.stdout.write(`\n${targets.length - failed} passed, ${failed} failed\n`);
      if (failed) process.exitCode = 1;
    });
}

function listDefault(): string[] {
  if (!fs.existsSync(DEFAULT_DIR)) return [];
  return fs.readdirSync(DEFAULT_DIR).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(DEFAULT_DIR, f));
}

/** Human-readable result: one line per turn, problems indented under it. */
export function report(r: GoldenResult): string {
  const lines = [`${r.passed ? 'PASS' : 'FAIL'} ${r.file}: ${r.name}`];
  for (const t of r.turns) {
    lines.push(`  ${t.problems.length ? '✗' : '✓'} ${t.index}. ${t.label}`);
    for (const p of t.problems) lines.push(`      ${p}`);
  }
  for (const p of r.problems) lines.push(`  ✗ ${p}`);
  return `${lines.join('\n')}\n`;
}
