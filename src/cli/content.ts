/**
 * `concord import` and `concord export`: scripts and intents between files (for git and review)
 * and the store. Import validates everything first and stores nothing when there is an error;
 * with `REDIS_URL` running instances reload at once (the bus event `content`).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../clock';
import { loadConfig, type Config } from '../config';
import { exportContent, importContent, type ContentDirs, type TransferResult } from '../content/transfer';
import { formatDiagnostic, type Diagnostic } from '../diagnostics';
import { isConcordError } from '../errors';
import { createLogger } from '../logger';
import { createStore, type ConversationStore } from '../store';

interface DirOptions {
  dialogs?: string;
  intents?: string;
}

export function registerContentCommands(program: Command): void {
  program
    .command('import')
    .description('load dialog scripts and intent files as new published versions where they changed (validated first)')
    .option('--dialogs <dir>', 'dialog scripts to import (default: DIALOGS_DIR, unless only --intents is given)')
    .option('--intents <dir>', 'intent files to import (default: INTENTS_DIR, unless only --dialogs is given)')
    .option('-m, --message <message>', 'the versions\' message', 'imported from files')
    .action(async (opts: DirOptions & { message: string }) => {
      const config = loadConfig();
      await withStore(config, async (store) => {
        let result: TransferResult;
        try {
          result = await importContent(store, dirs(opts, config), opts.message, 'cli', systemClock);
        } catch (err) {
          if (!isConcordError(err, 'invalid')) throw err;
          for (const d of (err.details?.diagnostics ?? []) as Diagnostic[]) process.stdout.write(`${formatDiagnostic(d)}\n`);
          process.stderr.write('the files have errors; nothing was imported.\n');
          process.exitCode = 1;
          return;
        }
        for (const i of result.items) process.stdout.write(`${i.kind} ${i.name}: version ${i.version}\n`);
        process.stderr.write(result.items.length ? `imported ${result.items.length} new version(s).\n` : 'nothing changed.\n');
        await announce(config, result);
      });
    });

  program
    .command('export')
    .description('write the newest published dialog scripts and intent files to files')
    .option('--dialogs <dir>', 'where to write the scripts (default: DIALOGS_DIR, unless only --intents is given)')
    .option('--intents <dir>', 'where to write the intent files (default: INTENTS_DIR, unless only --dialogs is given)')
    .action(async (opts: DirOptions) => {
      const config = loadConfig();
      await withStore(config, async (store) => {
        const result = await exportContent(store, dirs(opts, config), 'cli', systemClock);
        for (const file of result.files) process.stdout.write(`${path.relative(process.cwd(), file) || file}\n`);
        process.stderr.write(`exported ${result.files.length} file(s).\n`);
      });
    });
}

/** Both configured directories, or only the ones given on the command line. */
function dirs(opts: DirOptions, config: Config): ContentDirs {
  if (!opts.dialogs && !opts.intents) return { dialogsDir: config.dialogsDir, intentsDir: config.intentsDir };
  return { dialogsDir: opts.dialogs && path.resolve(opts.dialogs), intentsDir: opts.intents && path.resolve(opts.intents) };
}

async function withStore(config: Config, work: (store: ConversationStore) => Promise<void>): Promise<void> {
  const store = createStore({ kind: config.store.kind, dataDir: config.dataDir, mongodbUri: config.store.mongodbUri });
  await store.init();
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

/** Tells running instances (through Redis) to reload the content. */
async function announce(config: Config, result: TransferResult): Promise<void> {
  if (!config.redisUrl || !result.items.length) return;
  const { RedisBus } = await import('../bus/redis-bus');
  const bus = new RedisBus({ url: config.redisUrl, channel: `${config.redisPrefix}:bus`, log: createLogger('silent') });
  await bus.start();
  for (const i of result.items) bus.publish({ type: 'content', ...i });
  await bus.close();
}
