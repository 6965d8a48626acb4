#!/usr/bin/env node
/**
 * The `concord` command (DESIGN.md section 6): start, chat, validate, test, eval, bench, erase, import, export.
 */
import { Command } from 'commander';
import { quietThirdPartyLogs } from '../config';
import { registerStartCommand } from './start';
import { registerChatCommand } from './chat';
import { registerValidateCommand } from './validate';
import { registerTestCommand } from './test';
import { registerEvalCommand } from './eval';
import { registerBenchCommand } from './bench';
import { registerEraseCommand } from './erase';
import { registerContentCommands } from './content';

quietThirdPartyLogs();

const program = new Command()
  .name('concord')
  .description('Concord: an omnichannel customer-care bot that listens, empathizes, confirms, resolves and follows up.')
  .showHelpAfterError();

registerStartCommand(program);
registerChatCommand(program);
registerValidateCommand(program);
registerTestCommand(program);
registerEvalCommand(program);
registerBenchCommand(program);
registerEraseCommand(program);
registerContentCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`concord: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
