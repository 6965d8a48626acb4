/**
 * Runs golden conversation files through a real Concord server (fresh data directory, fake
 * clock) over the web chat protocol, and checks each turn's expectations and the final state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeClock } from '../clock';
import { formatDiagnostic, type Diagnostic } from '../diagnostics';
import { parseYaml } from '../dialogs/yaml-source';
import { startConcord, type RunningConcord } from '../main';
import { WebChatClient } from '../channels/web/client';
import { goldenFile, type GoldenFile, type GoldenTurn } from './schema';
import { checkFinal, checkTurn, type TurnObservation } from './checks';

export interface TurnResult {
  index: number;
  label: string;
  problems: string[];
}

export interface GoldenResult {
  file: string;
  name: string;
  passed: boolean;
  turns: TurnResult[];
  /** Problems with the file itself or the final state. */
  problems: string[];
}

export interface GoldenOptions {
  dialogsDir?: string;
  intentsDir?: string;
}

/** Parses a golden file; diagnostics carry `file:line` for problems. */
export function parseGoldenFile(file: string): { golden?: GoldenFile; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(file, fs.readFileSync(file, 'utf8'));
  if (parsed.diagnostics.length) return { diagnostics: parsed.diagnostics };
  const result = goldenFile.safeParse(parsed.value);
  if (result.success) return { golden: result.data, diagnostics: [] };
  return {
    diagnostics: result.error.issues.map((i) => ({ file, line: parsed.lineOf(i.path as PropertyKey[]), message: `${i.path.join('.')}: ${i.message}`, severity: 'error' as const })),
  };
}

/** Runs one golden file; never throws for a failing conversation (it reports it). */
export async function runGoldenFile(file: string, options: GoldenOptions = {}): Promise<GoldenResult> {
  const { golden, diagnostics } = parseGoldenFile(file);
  if (!golden) return { file, name: path.basename(file), passed: false, turns: [], problems: diagnostics.map(formatDiagnostic) };
  const session = await GoldenSession.start(golden, options);
  const turns: TurnResult[] = [];
  const problems: string[] = [];
  try {
    for (const [index, turn] of golden.turns.entries()) {
      const result = { index: index + 1, label: describe(turn), problems: await session.play(turn) };
      turns.push(result);
      if (result.problems.some((p) => p.startsWith('could not'))) break;
    }
    problems.push(...(await checkFinal(golden.final, session.concord.store, session.key)));
  } catch (err) {
    problems.push(`run failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await session.stop();
  }
  const passed = !problems.length && turns.every((t) => !t.problems.length) && turns.length === golden.turns.length;
  return { file, name: golden.name, passed, turns, problems };
}

class GoldenSession {
  private profileApplied = false;

  private constructor(
    public concord: RunningConcord,
    public client: WebChatClient,
    private readonly dataDir: string,
    private readonly clock: FakeClock,
    private readonly golden: GoldenFile,
    private readonly options: GoldenOptions,
  ) {}

  static async start(golden: GoldenFile, options: GoldenOptions): Promise<GoldenSession> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-golden-'));
    const clock = new FakeClock();
    const concord = await startServer(dataDir, clock, options, golden);
    const client = await WebChatClient.connect(concord.url, { lang: golden.locale });
    return new GoldenSession(concord, client, dataDir, clock, golden, options);
  }

  /** The web session key inside the resume token (the runner is in-process tooling). */
  get key(): string {
    const payload = this.client.session.token.split('.')[0];
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { k: string }).k;
  }

  async play(turn: GoldenTurn): Promise<string[]> {
    const client = this.client;
    const before = client.frames.length;
    let observation: TurnObservation = { frames: [], messageId: undefined };
    try {
      if (turn.advance) await this.advance(toMs(turn.advance));
      else if (turn.reconnect || turn.restart) await this.reconnect(Boolean(turn.restart));
      else if (turn.raw !== undefined) await this.settleAfter(() => this.client.raw(turn.raw!), turn.expect?.error);
      else if (turn.agent) await this.agentAction(turn.agent);
      else observation = await this.message(turn);
    } catch (err) {
      return [`could not play the turn: ${err instanceof Error ? err.message : String(err)}`];
    }
    observation.frames = this.client.frames.slice(this.client === client ? before : 0);
    await this.applyCustomerProfile();
    return checkTurn(turn.expect, observation, this.concord.store, this.key);
  }

  private async message(turn: GoldenTurn): Promise<TurnObservation> {
    const [text, value] = turn.press !== undefined ? this.quickReply(turn.press) : [turn.say ?? turn.say_repeated!.text.repeat(turn.say_repeated!.times), undefined];
    const before = this.client.frames.length;
    const id = this.client.send(text, value);
    const answer = await this.client.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.id === id, 10_000, before);
    if (answer.type === 'error') return { frames: [], messageId: undefined };
    await this.concord.idle();
    const conversation = await this.concord.store.findLatestConversation('web', this.key);
    const messages = conversation ? await this.concord.store.listMessages(conversation.id) : [];
    const inbound = messages.find((m) => m.channelMessageId === id);
    const replies = messages.filter((m) => m.direction === 'out' && inbound && m.seq > inbound.seq).length;
    while (this.client.messagesSince(before).length < replies) await this.client.waitFor(() => true, 5_000, this.client.frames.length);
    return { frames: [], messageId: inbound?.id };
  }

  /**
   * Moves the fake clock and runs the timers now due (follow-ups, SLA), as the server's loop
   * would; waits until the customer's socket shows every message they stored.
   */
  private async advance(ms: number): Promise<void> {
    const before = new Set((await this.outboundNow()).map((m) => m.id));
    this.clock.advance(ms);
    await this.concord.scheduler.runDue();
    await this.concord.idle();
    const fresh = (await this.outboundNow()).filter((m) => !before.has(m.id));
    const seen = () => new Set(this.client.messagesSince(0).map((f) => f.id));
    while (fresh.some((m) => !seen().has(m.id))) await this.client.waitFor(() => true, 5_000, this.client.frames.length);
  }

  /** The bot's and agents' messages in the customer's latest conversation. */
  private async outboundNow() {
    const conversation = await this.concord.store.findLatestConversation('web', this.key);
    return conversation ? (await this.concord.store.listMessages(conversation.id)).filter((m) => m.direction === 'out') : [];
  }

  /** Marks the customer as the file says (e.g. VIP) once the first message created them. */
  private async applyCustomerProfile(): Promise<void> {
    if (!this.golden.customer?.vip || this.profileApplied) return;
    const conversation = await this.concord.store.findLatestConversation('web', this.key);
    const customer = conversation ? await this.concord.store.getCustomer(conversation.customerId) : null;
    if (!customer) return;
    await this.concord.store.updateCustomer({ ...customer, vip: true });
    this.profileApplied = true;
  }

  /** A person acts through ConversationControl; the customer's socket shows the result. */
  private async agentAction(a: NonNullable<GoldenTurn['agent']>): Promise<void> {
    const conversation = await this.concord.store.findOpenConversation('web', this.key);
    if (!conversation) throw new Error('no open conversation for the agent to act on');
    const actor = { kind: 'agent' as const, id: a.id };
    const before = this.client.frames.length;
    const { control } = this.concord;
    if (a.do === 'claim') await control.assign(conversation.id, a.id, actor);
    if (a.do === 'typing') control.agentTyping(conversation.id, a.id);
    if (a.do === 'reply') await control.agentReply(conversation.id, a.id, a.text ?? '');
    if (a.do === 'resolve') await control.returnToBot(conversation.id, actor, 'resolved');
    if (a.do === 'close') await control.close(conversation.id, actor, 'closed by agent');
    const expected = a.do === 'typing' ? 'typing' : a.do === 'reply' ? 'message' : 'status';
    await this.client.waitFor((f) => f.type === expected, 5_000, before);
    await this.concord.idle();
    await new Promise((r) => setTimeout(r, 30));
  }

  private quickReply(value: string): [string, string] {
    const offered = [...this.client.frames].reverse().find((f) => f.type === 'message' && f.quickReplies?.length);
    const choice = offered?.type === 'message' ? offered.quickReplies?.find((q) => q.value === value) : undefined;
    if (!choice) throw new Error(`quick reply "${value}" was not offered`);
    return [choice.label, choice.value];
  }

  private async settleAfter(send: () => void, errorCode?: string): Promise<void> {
    const before = this.client.frames.length;
    send();
    if (errorCode) await this.client.waitFor((f) => f.type === 'error', 5_000, before);
    else await new Promise((r) => setTimeout(r, 100));
    await this.concord.idle();
  }

  private async reconnect(restart: boolean): Promise<void> {
    const token = this.client.session.token;
    await this.client.close();
    if (restart) {
      await this.concord.close();
      this.concord = await startServer(this.dataDir, this.clock, this.options, this.golden);
    }
    this.client = await WebChatClient.connect(this.concord.url, { token, lang: this.golden.locale });
    await this.client.waitFor((f) => f.type === 'history', 2_000).catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.client.close().catch(() => undefined);
    await this.concord.close().catch(() => undefined);
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function startServer(dataDir: string, clock: FakeClock, options: GoldenOptions, golden: GoldenFile): Promise<RunningConcord> {
  const env: NodeJS.ProcessEnv = { ...TEST_ADMIN };
  if (golden.settings?.business_hours) env.BUSINESS_HOURS = golden.settings.business_hours;
  if (golden.settings?.timezone) env.BUSINESS_TIMEZONE = golden.settings.timezone;
  return startConcord({ env, dataDir, port: 0, host: '127.0.0.1', clock, logLevel: 'silent', dialogsDir: options.dialogsDir, intentsDir: options.intentsDir });
}

/** A fixed admin for the throw-away server, so no generated password is printed. */
const TEST_ADMIN = { ADMIN_EMAIL: 'golden-admin@example.test', ADMIN_PASSWORD: 'golden-runner-only-password' };

function toMs(spec: string): number {
  const [, n, unit] = /^(\d+)(ms|s|m|h|d)$/.exec(spec)!;
  return Number(n) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 'ms'];
}

function describe(turn: GoldenTurn): string {
  if (turn.say !== undefined) return `say "${turn.say.length > 50 ? `${turn.say.slice(0, 50)}…` : turn.say}"`;
  if (turn.press !== undefined) return `press ${turn.press}`;
  if (turn.raw !== undefined) return `raw frame ${JSON.stringify(turn.raw.slice(0, 30))}`;
  if (turn.say_repeated) return `say ${turn.say_repeated.times} × "${turn.say_repeated.text}"`;
  if (turn.advance) return `advance ${turn.advance}`;
  if (turn.agent) return `agent ${turn.agent.id} ${turn.agent.do}${turn.agent.text ? ` "${turn.agent.text.slice(0, 40)}"` : ''}`;
  return turn.restart ? 'restart the server and reconnect' : 'reconnect';
}
