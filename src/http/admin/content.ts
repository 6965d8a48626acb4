/**
 * What the admin console needs from the content in force (`ContentRuntime`): the published
 * scripts and intents, the same with one draft in place (preview, "test this sentence", golden
 * runs), and the published sources (golden runs write them to a temporary directory).
 */
import type { ContentRuntime } from '../../content/runtime';
import type { ScriptRegistry } from '../../dialogs/registry';
import type { ContentKind } from '../../store/port';
import type { Understanding } from '../../understanding/types';

export type { ContentKind } from '../../store/port';

/** Scripts and understanding to run a conversation with. */
export interface ContentSet {
  registry: ScriptRegistry;
  understanding: Understanding;
}

/** Source text of every published script and intent, by name. */
export interface ContentSources {
  scripts: Map<string, string>;
  intents: Map<string, string>;
}

export interface AdminContent {
  /** The published content. */
  published(): ContentSet;
  /** The published content with one draft in place; throws `invalid` (422) with the diagnostics when it has errors. */
  draftContent(kind: ContentKind, name: string, source: string): Promise<ContentSet>;
  /** Source text of everything published. */
  sources(): Promise<ContentSources>;
}

/** The console's view of the live content runtime. */
export function runtimeContent(runtime: ContentRuntime): AdminContent {
  return {
    published: () => ({ registry: runtime.scripts(), understanding: runtime.understanding }),
    draftContent: (kind, name, source) => runtime.draftContent(kind, name, source),
    async sources() {
      const items = runtime.published();
      const of = (kind: ContentKind) => new Map(items.filter((i) => i.kind === kind).map((i) => [i.name, i.source] as const));
      return { scripts: of('script'), intents: of('intent') };
    },
  };
}
