#!/usr/bin/env node
/**
 * The `concord` command (DESIGN.md section 6): start, chat, validate, test, eval, bench.
 */
import { Command } from 'commander';
import { registerStartCommand } from './start';
import { registerChatCommand } from './chat';
import { registerValidateCommand } from './validate';
import { registerTestCommand } from './test';

process.env.DOTENV_CONFIG_QUIET ??= 'true';

const program = new Command()
  .name('concord')
  .description('Concord: an omnichannel customer-care bot that listens, empathizes, confirms, resolves and follows up.')
  .showHelpAfterError();

registerStartCommand(program);
registerChatCommand(program);
registerValidateCommand(program);
registerTestCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`concord: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
