import { statusNoticeFor } from '../../src/channels/status-text';
import { QueueReminders } from '../../src/engine/queue-reminders';
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
    // Outside business hours the wait runs to the next opening: hours, not "840 minutes".
    expect(await statusNoticeFor(conversation({}), async () => ({ position: 1, etaSeconds: 50_400 }))).toMatch(/the wait is about 14 hours\.$/);
    expect(await statusNoticeFor(conversation({ language: 'zh' }), async () => ({ position: 2, etaSeconds: 5_400 }))).toMatch(/预计等待约 2 小时。$/);
  });

  it('remind a queued customer who wrote again that their messages are kept, with the place in line', async () => {
    const info = async () => ({ position: 2, etaSeconds: 130 });
    expect(await statusNoticeFor(conversation({}), info, 'reminder')).toBe("You're still in the queue. Your messages are saved and the colleague who takes over will see them. You're number 2 in line; the wait is about 2 minutes.");
    expect(await statusNoticeFor(conversation({ language: 'zh' }), info, 'reminder')).toBe('您仍在人工客服队列中。您的消息都已保存，接待您的同事会看到。您排在第 2 位，预计等待约 2 分钟。');
    // Not queued any more: the notice of the status itself.
    expect(await statusNoticeFor(conversation({ status: 'agent' }), info, 'reminder')).toBe('A colleague has joined the conversation.');
  });

  it('remind at most once per interval, counting the queue notice, and bounded in memory', () => {
    const r = new QueueReminders(1000, 2);
    r.told('a', 0);
    expect(r.due('a', 999)).toBe(false);
    expect(r.due('a', 1000)).toBe(true);
    expect(r.due('a', 1500)).toBe(false);
    expect(r.due('b', 1500)).toBe(true);
    r.told('c', 1500); // the oldest entry ('a') goes
    expect(r.due('a', 1600)).toBe(true);
    r.forget('c');
    expect(r.due('c', 1600)).toBe(true);
  });

  it('fall back to the plain notice when the queue cannot say, and say nothing when back with the bot', async () => {
    const plain = await statusNoticeFor(conversation({}));
    expect(plain).toMatch(/in the queue/);
    expect(await statusNoticeFor(conversation({}), async () => { throw new Error('store down'); })).toBe(plain);
    expect(await statusNoticeFor(conversation({ status: 'agent' }), async () => ({ position: 1, etaSeconds: 1 }))).toBe('A colleague has joined the conversation.');
    expect(await statusNoticeFor(conversation({ status: 'bot' }))).toBeUndefined();
  });
});
