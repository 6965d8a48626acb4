/*
 * The console's side of docs/agent-api.md: JSON over fetch with the session cookie and the CSRF
 * header on every state-changing request, and the live WebSocket with reconnect and backoff.
 */

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = (body && body.error) || (status === 0 ? 'network' : 'internal');
    this.body = body || {};
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class Api {
  constructor() {
    this.csrf = null;
    /** Called with the ApiError when the session is gone (401 outside login). */
    this.onUnauthenticated = () => undefined;
  }

  async request(method, path, body) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (MUTATING.has(method) && this.csrf) headers['x-csrf-token'] = this.csrf;
    let res;
    try {
      res = await fetch(path, {
        method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, { error: 'network', message: 'network error' });
    }
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const err = new ApiError(res.status, data);
      if (res.status === 401 && path !== '/api/auth/login') this.onUnauthenticated(err);
      throw err;
    }
    return data;
  }

  get(path) { return this.request('GET', path); }
  post(path, body = {}) { return this.request('POST', path, body); }
  put(path, body) { return this.request('PUT', path, body); }

  async login(email, password) {
    const data = await this.post('/api/auth/login', { email, password });
    this.csrf = data.csrfToken;
    return data.user;
  }

  async me() {
    const data = await this.get('/api/auth/me');
    this.csrf = data.csrfToken;
    return data.user;
  }

  async logout() {
    try { await this.post('/api/auth/logout'); } finally { this.csrf = null; }
  }

  conversation(id, lang) { return this.get(`/api/conversations/${encodeURIComponent(id)}?lang=${lang}`); }
  act(id, action, body) { return this.post(`/api/conversations/${encodeURIComponent(id)}/${action}`, body); }
  revealMessage(id, messageId) { return this.post(`/api/conversations/${encodeURIComponent(id)}/messages/${encodeURIComponent(messageId)}/reveal`); }
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30000;
const PING_MS = 25000;

/** The console WebSocket: one at a time, exponential backoff with jitter, a ping to keep it warm. */
export class LiveSocket {
  constructor(handlers) {
    this.handlers = handlers; // { frame(f), up(), down(delayMs) }
    this.ws = null;
    this.attempt = 0;
    this.timer = null;
    this.ping = null;
    this.stopped = true;
  }

  get open() { return !!this.ws && this.ws.readyState === WebSocket.OPEN; }

  start() {
    this.stopped = false;
    if (!this.ws && !this.timer) this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(1000, 'signed out');
  }

  connect() {
    clearTimeout(this.timer);
    this.timer = null;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/agent/ws`;
    let ws;
    try { ws = new WebSocket(url); } catch { this.retry(); return; }
    this.ws = ws;
    ws.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (!frame || typeof frame.type !== 'string') return;
      if (frame.type === 'hello') { this.attempt = 0; this.handlers.up(); }
      this.handlers.frame(frame);
    };
    ws.onopen = () => {
      clearInterval(this.ping);
      this.ping = setInterval(() => this.send({ type: 'ping' }), PING_MS);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.ping);
      if (!this.stopped) this.retry();
    };
  }

  retry() {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt += 1;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.timer = setTimeout(() => this.connect(), delay);
    this.handlers.down(delay);
  }

  reconnectNow() {
    if (this.stopped || this.ws) return;
    this.attempt = 0;
    this.connect();
  }

  send(frame) {
    if (!this.open) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }
}
