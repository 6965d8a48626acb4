/** `concord start`: runs the server until SIGINT/SIGTERM, then stops it cleanly. */
import type { Command } from 'commander';
import { ConfigError } from '../config';
import { isConcordError } from '../errors';
import { startConcord, type RunningConcord } from '../main';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the Concord server (web chat, consoles, channel webhooks)')
    .action(async () => {
      let concord: RunningConcord;
      try {
        concord = await startConcord();
      } catch (err) {
        if (err instanceof ConfigError || isConcordError(err)) {
          process.stderr.write(`${err.message}\n`);
          process.exit(1);
        }
        throw err;
      }
      process.stdout.write(banner(concord));
      const stop = async (signal: string) => {
        process.stdout.write(`\n${signal}: finishing open turns and stopping…\n`);
        await concord.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}

function banner(c: RunningConcord): string {
  const { config, url } = c;
  const store = config.store.kind === 'sqlite' ? `SQLite ${config.dataDir}/concord.db` : 'MongoDB';
  const channels = ['web', config.slack && 'slack', config.telegram && 'telegram', (config.botFramework.appId || config.botFramework.allowUnauthenticated) && 'botframework'].filter(Boolean);
  return [
    '',
    `Concord is running on ${url}`,
    `  Web chat        ${url}/`,
    `  Widget          ${url}/widget.js   (embed: <script src="${url}/widget.js" defer></script>)`,
    `  Health          ${url}/healthz  ${url}/readyz  ${url}/metrics`,
    `  Store           ${store}`,
    `  Content         published versions in the store (seeded from ${config.dialogsDir} and ${config.intentsDir}; concord export writes them back)`,
    `  Channels        ${channels.join(', ')}   (others are enabled by their tokens, see .env.example)`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
