/**
 * The content in force: the `ScriptRegistry` and `Understanding` built from the newest published
 * versions in the store. A publish (here or on another instance, through the bus event
 * `{type:'content'}`) reloads from the store and swaps both at once; turns already running finish
 * on what they started with. Intents are retrained in a worker thread (`trainer.ts`) and only when
 * an intent changed. Older script versions are loaded on demand for conversations that started
 * on them, and cached.
 */
import { createHash } from 'node:crypto';
import type { Bus } from '../bus/bus';
import { formatDiagnostic, type Diagnostic } from '../diagnostics';
import type { ScriptRegistry, ScriptVersions } from '../dialogs/registry';
import type { LoadedScript } from '../dialogs/schema';
import { validateScript } from '../dialogs/validate';
import { ConcordError } from '../errors';
import type { Logger } from '../logger';
import type { ContentKind, ConversationStore } from '../store/port';
import { cacheQuickReplies, createEmotionDetector, understandingFromClassifier, type EmotionResult, type IntentDefinition, type Understanding } from '../understanding';
import { checkContent, checkDraft, type ContentItem } from './check';
import { contentFile } from './files';
import { trainInline, trainInWorker, type Trained } from './trainer';

/** Everything built from one set of published content. */
export interface LiveContent {
  items: ContentItem[];
  registry: ScriptRegistry;
  /** `trained`, remembering the analysis of the registry's quick replies. */
  understanding: Understanding;
  /** The understanding as trained (without the quick-reply cache). */
  trained: Understanding;
  /** Hash of the intent sources the understanding was trained on. */
  intentsKey: string;
}

/** What `draftContent` gives the preview: published content with one draft in place. */
export interface DraftContent {
  registry: ScriptRegistry;
  understanding: Understanding;
  diagnostics: Diagnostic[];
}

export interface ContentRuntimeDeps {
  store: ConversationStore;
  bus: Bus;
  log: Logger;
  /** Train intents in a worker thread on reload (default true). */
  trainInWorker?: boolean;
}

const MAX_CACHED_VERSIONS = 200;

/** Holds the live content and swaps it on publish; see the module comment. */
export class ContentRuntime implements ScriptVersions {
  private readonly old = new Map<string, LoadedScript | null>();
  private running: Promise<void> | null = null;
  private again = false;
  private unsubscribe: () => void = () => undefined;
  private draftUnderstanding: { key: string; understanding: Understanding } | null = null;

  private constructor(private readonly deps: ContentRuntimeDeps, private readonly emotion: Emotion, private live: LiveContent) {}

  /** Builds the content from the store (training inline: nothing is served yet) and follows the bus. */
  static async start(deps: ContentRuntimeDeps): Promise<ContentRuntime> {
    const emotion = createEmotionDetector();
    const live = await buildLive(await publishedItems(deps.store), null, { log: deps.log, emotion, inWorker: false });
    const runtime = new ContentRuntime(deps, emotion, live);
    // A publish here reloads before it is announced; other instances' publishes arrive as remote.
    runtime.unsubscribe = deps.bus.subscribe((event, origin) => {
      if (event.type === 'content' && origin === 'remote') void runtime.reload();
    });
    return runtime;
  }

  /** The scripts in force (read on every turn). */
  readonly scripts = (): ScriptRegistry => this.live.registry;

  /** The understanding in force; each call goes to the current one. */
  readonly understanding: Understanding = {
    intents: () => this.live.understanding.intents(),
    analyze: (text, context) => this.live.understanding.analyze(text, context),
  };

  /** The newest published version of every item. */
  published(): ContentItem[] {
    return this.live.items.slice();
  }

  /**
   * Reloads from the store and swaps the content in. Calls while a reload runs are folded into
   * one more reload afterwards. A failure keeps the current content (and is logged).
   */
  reload(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const options = { log: this.deps.log, emotion: this.emotion, inWorker: this.deps.trainInWorker ?? true };
          this.live = await buildLive(await publishedItems(this.deps.store), this.live, options);
        } catch (err) {
          this.deps.log.error({ code: (err as { code?: string }).code ?? 'content_reload_failed', err: (err as Error).message }, 'content reload failed; keeping the current content');
        }
      } while (this.again);
      this.running = null;
    })();
    return this.running;
  }

  /** Published content with this draft in place, for the preview; `invalid` with diagnostics when it has errors. */
  async draftContent(kind: ContentKind, name: string, source: string): Promise<DraftContent> {
    const check = checkDraft(this.live.items, { kind, name, source });
    if (!check.registry) throw invalid(check.diagnostics);
    const key = intentsKey(check.items);
    let understanding = key === this.live.intentsKey ? this.live.understanding : this.draftUnderstanding?.key === key ? this.draftUnderstanding.understanding : null;
    if (!understanding) {
      understanding = understandingOf(check.intents, await trainInWorker(check.intents), this.emotion);
      this.draftUnderstanding = { key, understanding };
    }
    return { registry: check.registry, understanding, diagnostics: check.diagnostics };
  }

  async load(id: string, version: number): Promise<LoadedScript | undefined> {
    const current = this.live.registry.get(id);
    if (current?.version === version) return current;
    const key = `${id}@${version}`;
    if (!this.old.has(key)) {
      const stored = await this.deps.store.getContentVersion('script', id, version);
      const file = contentFile('script', id);
      const script = stored ? validateScript(file, stored.source).script : undefined;
      this.old.set(key, script && stored ? { script, file, source: stored.source, version } : null);
      if (this.old.size > MAX_CACHED_VERSIONS) this.old.delete(this.old.keys().next().value as string);
    }
    return this.old.get(key) ?? undefined;
  }

  cached(id: string, version: number): LoadedScript | undefined {
    const current = this.live.registry.get(id);
    return current?.version === version ? current : this.old.get(`${id}@${version}`) ?? undefined;
  }

  /** Stops following the bus and waits for a running reload. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.running;
  }
}

type Emotion = (text: string) => EmotionResult;

/** Checks the items and builds the live content; reuses `previous`'s understanding when no intent changed. */
async function buildLive(items: ContentItem[], previous: LiveContent | null, o: { log: Logger; emotion: Emotion; inWorker: boolean }): Promise<LiveContent> {
  const check = checkContent(items);
  for (const d of check.diagnostics.filter((x) => x.severity === 'warning')) o.log.warn(formatDiagnostic(d));
  if (!check.registry) {
    const errors = check.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    throw new ConcordError('scripts_invalid', `the published dialog scripts or intents have errors (run \`concord validate\`):\n${errors.join('\n')}`);
  }
  const key = intentsKey(items);
  const registry = check.registry;
  const live = (base: Understanding): LiveContent => ({ items, registry, understanding: cacheQuickReplies(base, registry.quickReplyTexts()), trained: base, intentsKey: key });
  if (previous && previous.intentsKey === key) return live(previous.trained);
  const trained = o.inWorker ? await trainInWorker(check.intents) : trainInline(check.intents);
  const { where, blockedMs, totalMs } = trained;
  o.log.info({ where, blockedMs: Math.round(blockedMs), totalMs: Math.round(totalMs), intents: check.intents.length }, 'intents trained');
  return live(understandingOf(check.intents, trained, o.emotion));
}

function understandingOf(intents: IntentDefinition[], trained: Trained, emotion: Emotion): Understanding {
  return understandingFromClassifier(trained.classifier, intents, { emotion });
}

/** The newest published version of every item, as content items. */
export async function publishedItems(store: ConversationStore): Promise<ContentItem[]> {
  return (await store.listLatestContent()).map((v) => ({ kind: v.kind, name: v.name, source: v.source, version: v.version }));
}

/** The `invalid` error (422) carrying the diagnostics. */
export function invalid(diagnostics: Diagnostic[]): ConcordError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return new ConcordError('invalid', `${errors.length} error(s): ${errors.slice(0, 3).map(formatDiagnostic).join('; ')}`, { diagnostics });
}

function intentsKey(items: readonly ContentItem[]): string {
  const hash = createHash('sha256');
  for (const i of items.filter((x) => x.kind === 'intent').sort((a, b) => a.name.localeCompare(b.name))) hash.update(`${i.name}\0${i.source}\0`);
  return hash.digest('hex');
}
