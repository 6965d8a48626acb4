import { statusNoticeFor } from '../../src/channels/status-text';
import type { Conversation } from '../../src/store/port';

const conversation = (over: Partial<Conversation>): Conversation => ({
  id: 'c1', customerId: 'u1', channel: 'telegram', channelKey: '1', status: 'queued', language: 'en', state: {}, emotionTrajectory: [],
  version: 1, createdAt: 0, updatedAt: 0, lastMessageAt: 0, ...over,
});

describe('platform status notices', () => {
  it('tell a queued customer their place in line and the wait, in their language', async () => {
    const info = async () => ({ position: 3, etaSeconds: 250 });
    expect(await statusNoticeFor(conversation({}), info)).toMatch(/You're number 3 in line; the wait is about 4 minutes\.$/);
    expect(await statusNoticeFor(conversation({ language: 'zh' }), info)).toMatch(/您排在第 3 位，预计等待约 4 分钟。$/);
    expect(await statusNoticeFor(conversation({}), async () => ({ position: 1, etaSeconds: 20 }))).toMatch(/You're next in line; the wait is about 1 minute\.$/);
  });

  it('fall back to the plain notice when the queue cannot say, and say nothing when back with the bot', async () => {
    const plain = await statusNoticeFor(conversation({}));
    expect(plain).toMatch(/in the queue/);
    expect(await statusNoticeFor(conversation({}), async () => { throw new Error('store down'); })).toBe(plain);
    expect(await statusNoticeFor(conversation({ status: 'agent' }), async () => ({ position: 1, etaSeconds: 1 }))).toBe('A colleague has joined the conversation.');
    expect(await statusNoticeFor(conversation({ status: 'bot' }))).toBeUndefined();
  });
});
