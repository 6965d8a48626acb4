/**
 * Shared set-up for the Slack tests: a fake Slack plus a real Concord pointed at it, and
 * helpers that send signed payloads and wait for the bot's posts in one Slack channel.
 */
import { FakeSlack, signedPost, type SignedPostOptions } from '../../helpers/fake-slack';
import { buttonPress } from '../../helpers/slack-payloads';
import { startTestConcord, type TestConcord } from '../../helpers/concord';
import { waitUntil } from '../../helpers/wait';

export const SECRET = 'slack-signing-secret-for-tests';

export interface SlackHarness {
  fake: FakeSlack;
  t: TestConcord;
  send(body: unknown, o?: SignedPostOptions): Promise<{ status: number; text: string }>;
  /** Successful posts in one Slack channel. */
  postsIn(channel: string): Record<string, unknown>[];
  /** Waits for the `n`-th successful post in `channel` and returns it. */
  nthPost(channel: string, n: number, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Presses the button with `value` on the last post in `channel`; waits for `expected` posts there. */
  press(channel: string, value: string, expected: number, user?: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts the fake Slack and Concord with the Slack channel enabled (`extraEnv` adds settings). */
export async function startSlackHarness(extraEnv: Record<string, string> = {}): Promise<SlackHarness> {
  const fake = await new FakeSlack().start();
  const t = await startTestConcord({
    env: { ADMIN_EMAIL: 'test-admin@example.test', ADMIN_PASSWORD: 'test-admin-password-123', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, ...extraEnv },
  });
  const postsIn = (channel: string) => fake.okPosts().filter((p) => p.channel === channel);
  const h: SlackHarness = {
    fake,
    t,
    send: (body, o) => signedPost(t.concord.url, SECRET, body, t.clock.now(), o),
    postsIn,
    async nthPost(channel, n, timeoutMs = 8000) {
      const failure = () => `expected ${n} posts in ${channel}, got: ${JSON.stringify(postsIn(channel).map((p) => p.text))}`;
      await waitUntil(() => postsIn(channel).length >= n, failure, timeoutMs, 20);
      return postsIn(channel)[n - 1];
    },
    async press(channel, value, expected, user) {
      const posts = postsIn(channel);
      const res = await h.send(buttonPress(posts[posts.length - 1], value, user), { form: true });
      expect(res.status).toBe(200);
      return h.nthPost(channel, expected);
    },
    async stop() {
      await t.stop();
      await fake.stop();
    },
  };
  return h;
}
