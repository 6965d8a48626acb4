/**
 * Contract for the console part of the store (`AgentRecords`): users, sessions, notes, canned
 * replies, audit and the per-agent conversation query.
 */
import type { ConversationStore, User } from '../../src/store/port';
import { conversation, T0, uid } from './contract-fixtures';

/** A user in canonical shape. */
export function user(overrides: Partial<User> = {}): User {
  return {
    id: uid('user'),
    email: `${uid('a')}@example.com`,
    name: '李 Agent 🐼',
    role: 'agent',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    languages: ['en', 'zh'],
    categories: ['logistics'],
    teams: ['tier1'],
    maxChats: 3,
    presence: 'offline',
    disabled: false,
    createdAt: T0,
    updatedAt: T0,
    lastAssignedAt: null,
    ...overrides,
  };
}

/** Registers the `AgentRecords` tests. */
export function describeAgentContract(store: () => ConversationStore): void {
  it('creates, reads (by id and case-insensitive email), lists and updates users', async () => {
    const a = user({ email: 'Mixed.Case@Example.com', createdAt: T0 });
    const b = user({ createdAt: T0 + 1, role: 'admin', categories: [] });
    await store().createUser(a);
    await store().createUser(b);
    const storedA = { ...a, email: 'mixed.case@example.com' };
    expect(await store().getUser(a.id)).toEqual(storedA);
    expect(await store().getUserByEmail('MIXED.case@example.COM')).toEqual(storedA);
    expect(await store().getUserByEmail('nobody@example.com')).toBeNull();
    expect(await store().getUser(uid('nobody'))).toBeNull();
    expect((await store().listUsers()).map((u) => u.id)).toEqual([a.id, b.id]);
    const changed = { ...storedA, presence: 'available' as const, disabled: true, maxChats: 5, lastAssignedAt: T0 + 9, updatedAt: T0 + 9 };
    await store().updateUser(changed);
    expect(await store().getUser(a.id)).toEqual(changed);
    await expect(store().updateUser(user())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a second user with the same email, whatever its case', async () => {
    const a = user({ email: 'same@example.com' });
    await store().createUser(a);
    await expect(store().createUser(user({ email: 'SAME@example.com' }))).rejects.toMatchObject({ code: 'email_taken' });
    const b = user();
    await store().createUser(b);
    await expect(store().updateUser({ ...b, email: 'same@example.com' })).rejects.toMatchObject({ code: 'email_taken' });
  });

  it('stores sessions, touches them forward only and revokes one or all of a user', async () => {
    const base = { userId: 'u1', csrfToken: 'csrf', createdAt: T0, lastSeenAt: T0, expiresAt: T0 + 1000, revokedAt: null };
    const s1 = { ...base, id: uid('s') };
    const s2 = { ...base, id: uid('s') };
    const other = { ...base, id: uid('s'), userId: 'u2' };
    for (const s of [s1, s2, other]) await store().createSession(s);
    expect(await store().getSession(s1.id)).toEqual(s1);
    expect(await store().getSession(uid('none'))).toBeNull();
    await store().touchSession(s1.id, T0 + 50);
    await store().touchSession(s1.id, T0 + 10);
    expect((await store().getSession(s1.id))?.lastSeenAt).toBe(T0 + 50);
    await store().revokeSession(s1.id, T0 + 60);
    await store().revokeSession(s1.id, T0 + 70);
    expect((await store().getSession(s1.id))?.revokedAt).toBe(T0 + 60);
    await store().revokeUserSessions('u1', T0 + 80);
    expect((await store().getSession(s2.id))?.revokedAt).toBe(T0 + 80);
    expect((await store().getSession(s1.id))?.revokedAt).toBe(T0 + 60);
    expect((await store().getSession(other.id))?.revokedAt).toBeNull();
  });

  it('keeps internal notes per conversation, verbatim, oldest first', async () => {
    const conv = uid('conv');
    const n1 = { id: uid('n'), conversationId: conv, authorId: 'u1', text: '<script>alert(1)</script> 客户很急', at: T0 + 2 };
    const n2 = { id: uid('n'), conversationId: conv, authorId: 'u2', text: 'second', at: T0 + 3 };
    await store().addNote(n2);
    await store().addNote(n1);
    await store().addNote({ ...n1, id: uid('n'), conversationId: uid('other') });
    expect(await store().listNotes(conv)).toEqual([n1, n2]);
  });

  it('stores canned replies sorted by shortcut with unique shortcuts', async () => {
    const thanks = { id: uid('c'), shortcut: 'thanks', texts: { en: 'Thank you!', zh: '谢谢！' }, createdBy: 'u1', createdAt: T0 };
    const hello = { id: uid('c'), shortcut: 'hello', texts: { en: 'Hello' }, createdBy: 'u1', createdAt: T0 };
    await store().createCannedReply(thanks);
    await store().createCannedReply(hello);
    expect(await store().listCannedReplies()).toEqual([hello, thanks]);
    await expect(store().createCannedReply({ ...hello, id: uid('c') })).rejects.toMatchObject({ code: 'shortcut_taken' });
  });

  it('appends audit entries and lists them newest first with a limit', async () => {
    const entries = [0, 1, 2].map((i) => ({ id: uid('au'), actor: 'user:u1', action: 'user_created', target: `user:${i}`, data: i === 1 ? { role: 'agent' } : null, at: T0 + i }));
    for (const e of entries) await store().appendAudit(e);
    expect(await store().listAudit()).toEqual([entries[2], entries[1], entries[0]]);
    expect(await store().listAudit(1)).toEqual([entries[2]]);
  });

  it('lists the conversations an agent owns now', async () => {
    const mine = conversation({ status: 'agent', assignedAgentId: 'agent-a', updatedAt: T0 + 1 });
    const mineToo = conversation({ status: 'agent', assignedAgentId: 'agent-a', updatedAt: T0 + 5 });
    const closed = conversation({ status: 'closed', assignedAgentId: 'agent-a' });
    const theirs = conversation({ status: 'agent', assignedAgentId: 'agent-b' });
    for (const c of [mine, mineToo, closed, theirs]) await store().createConversation(c);
    expect((await store().listConversationsByAgent('agent-a')).map((c) => c.id)).toEqual([mineToo.id, mine.id]);
    expect(await store().listConversationsByAgent('agent-z')).toEqual([]);
    expect(await store().countConversationsByAgent()).toEqual(new Map([['agent-a', 2], ['agent-b', 1]]));
  });
}
