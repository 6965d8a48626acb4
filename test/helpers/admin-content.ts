/**
 * Test helpers for the admin content API: publish a new text of an item through the real API
 * (save the draft, then publish it), and a web chat customer who tells the complaint story.
 */
import { WebChatClient } from '../../src/channels/web/client';
import type { ApiClient } from './agent-api';

/** Saves `source` as the draft of `kind/name` and publishes it; resolves the new version. */
export async function publishSource(admin: ApiClient, kind: string, name: string, source: string, message = 'test change'): Promise<number> {
  const item = `/api/admin/content/${kind}/${name}`;
  const current = await admin.call('GET', item);
  const expectedRevision = (current.body.draft as { revision?: number } | null)?.revision ?? 0;
  const saved = await admin.call('PUT', `${item}/draft`, { source, expectedRevision });
  if (saved.status !== 200) throw new Error(`draft not saved: ${JSON.stringify(saved.body)}`);
  const revision = (saved.body.draft as { revision: number }).revision;
  const published = await admin.call('POST', `${item}/publish`, { message, expectedRevision: revision });
  if (published.status !== 201) throw new Error(`not published: ${JSON.stringify(published.body)}`);
  return published.body.version as number;
}

/** The published source of an item. */
export async function publishedSource(admin: ApiClient, kind: string, name: string): Promise<string> {
  const res = await admin.call('GET', `/api/admin/content/${kind}/${name}`);
  return (res.body.published as { source: string }).source;
}

export const COMPLAINT = 'My order 12345 arrived broken and nobody answers my emails, this is ridiculous';

/** Sends `text` (or presses `value`) and resolves the bot's first message matching `expect`. */
export async function say(client: WebChatClient, text: string, expect: RegExp, value?: string): Promise<string> {
  const since = client.frames.length;
  client.send(text, value);
  const frame = await client.waitFor((f) => f.type === 'message' && f.from === 'bot' && expect.test(f.text), 10_000, since);
  return (frame as { text: string }).text;
}
