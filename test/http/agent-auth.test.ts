/**
 * Agent API authentication over real HTTP: login/logout, cookie flags, session expiry (fake
 * clock), throttling, forged cookies, CSRF and Origin checks, and role checks.
 */
import { ADMIN, ApiClient, type AgentTestServer, createAgent, startAgentServer } from '../helpers/agent-api';

let server: AgentTestServer;
beforeAll(async () => {
  server = await startAgentServer();
});
afterAll(async () => server.stop());

describe('login, me, logout', () => {
  it('logs in with a HttpOnly SameSite=Strict cookie and returns the CSRF token', async () => {
    const client = new ApiClient(server.concord.url);
    const res = await client.login(ADMIN.email.toUpperCase(), ADMIN.password);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^concord_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    const me = await client.call('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(client.csrf);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const a = await new ApiClient(server.concord.url).login(ADMIN.email, 'wrong password!!');
    const b = await new ApiClient(server.concord.url).login('nobody@example.com', 'wrong password!!');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error).toBe('invalid_credentials');
    expect(b.body).toEqual(a.body);
  });

  it('revokes the session at logout', async () => {
    const client = new ApiClient(server.concord.url);
    await client.login(ADMIN.email, ADMIN.password);
    expect((await client.call('POST', '/api/auth/logout')).status).toBe(204);
    const me = await client.call('GET', '/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error).toBe('unauthenticated');
  });

  it('expires a session after 8 idle hours and 24 hours after login', async () => {
    const idle = new ApiClient(server.concord.url);
    await idle.login(ADMIN.email, ADMIN.password);
    server.clock.advance(7 * 3600_000);
    expect((await idle.call('GET', '/api/auth/me')).status).toBe(200);
    server.clock.advance(8 * 3600_000 + 1000);
    expect((await idle.call('GET', '/api/auth/me')).status).toBe(401);

    const busy = new ApiClient(server.concord.url);
    await busy.login(ADMIN.email, ADMIN.password);
    for (let h = 0; h < 23; h++) {
      server.clock.advance(3600_000);
      expect((await busy.call('GET', '/api/auth/me')).status).toBe(200);
    }
    server.clock.advance(3600_000);
    expect((await busy.call('GET', '/api/auth/me')).status).toBe(401);
  });
});

describe('forged credentials and CSRF', () => {
  it('refuses forged, malformed and oversized session cookies', async () => {
    for (const cookie of ['concord_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'concord_session=../../etc', `concord_session=${'x'.repeat(5000)}`, 'concord_session=']) {
      const res = await new ApiClient(server.concord.url).call('GET', '/api/queue', undefined, { cookie });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthenticated');
    }
  });

  it('requires the CSRF token on state-changing requests and checks the Origin', async () => {
    const client = new ApiClient(server.concord.url);
    await client.login(ADMIN.email, ADMIN.password);
    const missing = await client.call('PUT', '/api/me/presence', { presence: 'away' }, { 'x-csrf-token': null });
    expect([missing.status, missing.body.error]).toEqual([403, 'csrf_failed']);
    const forged = await client.call('PUT', '/api/me/presence', { presence: 'away' }, { 'x-csrf-token': 'x'.repeat(43) });
    expect([forged.status, forged.body.error]).toEqual([403, 'csrf_failed']);
    const foreign = await client.call('PUT', '/api/me/presence', { presence: 'away' }, { origin: 'https://evil.example' });
    expect([foreign.status, foreign.body.error]).toEqual([403, 'origin_mismatch']);
    const ok = await client.call('PUT', '/api/me/presence', { presence: 'away' }, { origin: server.concord.url });
    expect(ok.status).toBe(200);
  });
});

describe('throttling', () => {
  it('answers 429 with retryAfterSeconds after 5 failures, even with the right password', async () => {
    const { client } = await createAgent(server, { name: 'Throttled' });
    const me = await client.call('GET', '/api/auth/me');
    const email = String((me.body.user as { email: string }).email);
    for (let i = 0; i < 5; i++) expect((await new ApiClient(server.concord.url).login(email, 'bad password here')).status).toBe(401);
    const blocked = await new ApiClient(server.concord.url).login(email, 'a long enough password');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('too_many_attempts');
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('roles', () => {
  it('keeps agents out of admin and supervisor APIs', async () => {
    const { client } = await createAgent(server, { name: 'Plain agent' });
    const create = await client.call('POST', '/api/agents', { name: 'x', email: 'x@example.com', password: 'long enough password', role: 'admin' });
    expect([create.status, create.body.error]).toEqual([403, 'forbidden']);
    expect((await client.call('GET', '/api/live')).status).toBe(403);
    expect((await client.call('POST', '/api/canned-replies', { shortcut: 'hi', texts: { en: 'Hi' } })).status).toBe(403);
    expect((await new ApiClient(server.concord.url).call('GET', '/api/queue')).status).toBe(401);
  });

  it('lets an admin disable a user, which ends their sessions', async () => {
    const admin = new ApiClient(server.concord.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const { client, id } = await createAgent(server, { name: 'Leaving' });
    expect((await admin.call('PATCH', `/api/agents/${id}`, { disabled: true })).status).toBe(200);
    expect((await client.call('GET', '/api/auth/me')).status).toBe(401);
    const dup = await admin.call('POST', '/api/agents', { name: 'Dup', email: ADMIN.email, password: 'long enough password', role: 'agent' });
    expect([dup.status, dup.body.error]).toEqual([409, 'email_taken']);
  });
});
