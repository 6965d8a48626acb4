/**
 * `concord chat`: the same bot in a terminal. Starts Concord in-process on the configured data
 * directory (or connects to `--url`) and talks to it over the web chat protocol. Quick replies are
 * numbered: type the number to press one. The conversation resumes next time (`--new` to start over).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { WebChatClient, type QuickReplyFrame, type ServerFrame } from '../channels/web/client';
import { startConcord, type RunningConcord } from '../main';

interface ChatOptions {
  url?: string;
  lang?: string;
  new?: boolean;
}

export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('talk to the bot in the terminal (type /quit to leave)')
    .option('--url <url>', 'connect to a running Concord instead of starting one')
    .option('--lang <en|zh>', 'language before you write anything')
    .option('--new', 'start a new conversation instead of resuming the last one')
    .action((opts: ChatOptions) => chat(opts));
}

async function chat(opts: ChatOptions): Promise<void> {
  const config = loadConfig();
  const server: RunningConcord | undefined = opts.url ? undefined : await startConcord({ port: 0, logLevel: 'warn' });
  const tokenFile = path.join(config.dataDir, 'chat-token');
  const token = !opts.new && fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : undefined;
  const client = await WebChatClient.connect(opts.url ?? server!.url, { token, lang: opts.lang });
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(tokenFile, client.session.token, { mode: 0o600 });
  let offered: QuickReplyFrame[] = [];
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  const print = (line: string) => {
    readline.clearLine(process.stdout, 0);
    readline.cursorTo(process.stdout, 0);
    process.stdout.write(`${line}\n`);
    rl.prompt(true);
  };
  client.onMessage((f) => (offered = show(f, print) ?? offered));
  for (const f of client.frames.slice(1)) offered = show(f, print) ?? offered;
  print(`(conversation ${client.session.conversationId}; type /quit to leave, a number to press a button)`);
  rl.on('line', (line) => {
    const text = line.trim();
    if (text === '/quit') return rl.close();
    const choice = /^\d+$/.test(text) ? offered[Number(text) - 1] : undefined;
    if (choice) client.send(choice.label, choice.value);
    else if (text) client.send(text);
    rl.prompt();
  });
  rl.on('close', async () => {
    await client.close();
    await server?.close();
    process.exit(0);
  });
  rl.prompt();
}

/** Prints a frame; returns the quick replies it offers, if any. */
function show(f: ServerFrame, print: (line: string) => void): QuickReplyFrame[] | undefined {
  if (f.type === 'history') {
    for (const m of f.messages) print(`${m.from === 'customer' ? 'you' : m.from}> ${m.text}`);
    const last = f.messages[f.messages.length - 1];
    return last && last.from !== 'customer' ? showQuickReplies(last.quickReplies ?? [], print) : undefined;
  }
  if (f.type === 'error') print(`(error ${f.code}: ${f.message})`);
  if (f.type === 'status') print(`(status: ${f.status}${f.position ? `, position ${f.position}` : ''})`);
  if (f.type !== 'message') return undefined;
  print(`${f.from}> ${f.text}`);
  return showQuickReplies(f.quickReplies ?? [], print);
}

function showQuickReplies(quick: QuickReplyFrame[], print: (line: string) => void): QuickReplyFrame[] {
  if (quick.length) print(`     ${quick.map((q, i) => `[${i + 1}] ${q.label}`).join('   ')}`);
  return quick;
}
