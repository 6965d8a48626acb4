/**
 * Runs `concord eval` without the rest of the CLI (the lead wires `registerEvalCommand` into
 * `src/cli/index.ts`):  npx tsx bench/eval.ts intents --train A.csv --test B.csv --json
 */
import { Command } from 'commander';
import { registerEvalCommand } from '../src/cli/eval';

const program = new Command('concord');
registerEvalCommand(program);
program.parseAsync(['node', 'concord', 'eval', ...process.argv.slice(2)]).catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
