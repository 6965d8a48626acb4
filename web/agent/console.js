/*
 * Concord agent console. Plain browser JavaScript modules, no build step. Speaks the API of
 * docs/agent-api.md: cookie session + CSRF header over fetch, live updates over /api/agent/ws.
 * Everything from the server is inserted with textContent (see dom.js).
 */
import { Api, LiveSocket } from './api.js';
import { makeT, normalizeLang, duration } from './i18n.js';
import { h } from './dom.js';
import { renderLogin, renderShell, toast } from './shell.js';
import { renderInbox, renderLive } from './sidebar.js';
import { renderHeader, renderTranscript } from './transcript.js';
import { renderPacket } from './packet.js';
import { Composer } from './composer.js';
import { transferDialog, resolveDialog, closeDialog } from './dialogs.js';

const LANG_KEY = 'concord.agent.lang';
const TYPING_SEND_MS = 2500;
const TYPING_SHOW_MS = 6000;

const storage = {
  get(k) { try { return localStorage.getItem(k); } catch { return null; } },
  set(k, v) { try { localStorage.setItem(k, v); } catch { /* blocked */ } },
};

class ConsoleApp {
  constructor(root) {
    this.root = root;
    this.api = new Api();
    this.api.onUnauthenticated = () => this.signedOut(this.t('sessionExpired'));
    this.socket = new LiveSocket({ frame: (f) => this.onFrame(f), up: () => this.onUp(), down: (ms) => this.onDown(ms) });
    this.composer = new Composer({
      send: (mode, text) => this.send(mode, text),
      typing: () => this.sendTyping(),
      canned: () => this.state.canned,
      language: () => (this.state.current ? this.state.current.conversation.language : this.lang),
    });
    this.setLang(normalizeLang(storage.get(LANG_KEY)) || normalizeLang(navigator.language) || 'en', false);
    this.reset();
    setInterval(() => this.tick(), 1000);
  }

  reset() {
    this.state = {
      user: null, tab: 'inbox', queue: [], afterHours: false, queueAt: Date.now(), chats: [], live: [], liveStatus: 'bot',
      currentId: null, current: null, canned: [], agents: [], unread: new Set(), typingUntil: 0, typingFrom: null,
      revealed: new Map(),
    };
    this.lastTypingSent = 0;
  }

  setLang(lang, rerender = true) {
    this.lang = lang;
    this.t = makeT(lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${this.t('consoleName')} · Concord`;
    this.composer.setLanguage(this.t);
    if (!rerender) return;
    storage.set(LANG_KEY, lang);
    if (this.state.user) {
      this.frame();
      if (this.state.currentId) void this.open(this.state.currentId, { keepScroll: true });
    } else this.showLogin();
  }

  get ctx() {
    return {
      t: this.t, lang: this.lang, user: this.state.user, tab: this.state.tab,
      open: (id) => void this.open(id), act: (a) => void this.act(a), takeover: (id) => void this.takeover(id),
      liveFilter: (s) => { this.state.liveStatus = s; void this.loadLive(); },
      reveal: (id) => this.reveal(id), agentName: (id) => this.agentName(id),
      revealed: this.state.revealed, revealPii: (id) => void this.revealPii(id),
    };
  }

  // ---------------------------------------------------------------- session

  async boot() {
    try {
      const user = await this.api.me();
      await this.signedIn(user);
    } catch {
      this.showLogin();
    }
  }

  showLogin(notice) {
    renderLogin(this.root, this.ctx, {
      notice, email: this.lastEmail, onLang: (l) => this.setLang(l),
      onSubmit: async (email, password) => {
        this.lastEmail = email;
        try {
          await this.signedIn(await this.api.login(email, password));
          return null;
        } catch (err) {
          return { code: err.code, body: err.body };
        }
      },
    });
  }

  async signedIn(user) {
    this.state.user = user;
    this.frame();
    this.socket.start();
    await Promise.all([this.loadChats(), this.loadQueue(), this.loadCanned(), this.loadAgents()]);
  }

  signedOut(notice) {
    if (!this.state.user) return;
    this.socket.stop();
    this.reset();
    this.showLogin(notice);
  }

  async logout() {
    await this.api.logout().catch(() => undefined);
    this.signedOut();
  }

  // ---------------------------------------------------------------- loading

  async loadQueue() {
    const data = await this.api.get('/api/queue').catch(() => null);
    if (data) this.setQueue(data.items, data.afterHours);
  }

  setQueue(items, afterHours) {
    this.state.queue = Array.isArray(items) ? items : [];
    this.state.afterHours = !!afterHours;
    this.state.queueAt = Date.now();
    this.renderLeft();
  }

  async loadChats() {
    const data = await this.api.get('/api/chats').catch(() => null);
    if (!data) return;
    this.state.chats = data.items || [];
    this.renderLeft();
  }

  async loadLive() {
    if (!this.isBoss()) return;
    const data = await this.api.get(`/api/live?status=${this.state.liveStatus}`).catch(() => null);
    if (data) this.state.live = data.items || [];
    this.renderLeft();
  }

  async loadCanned() {
    const data = await this.api.get('/api/canned-replies').catch(() => null);
    if (data) this.state.canned = data.items || [];
  }

  async loadAgents() {
    const data = await this.api.get('/api/agents').catch(() => null);
    if (data) this.state.agents = data.items || [];
  }

  isBoss() { return !!this.state.user && (this.state.user.role === 'supervisor' || this.state.user.role === 'admin'); }

  agentName(id) {
    if (this.state.user && id === this.state.user.id) return this.state.user.name;
    const a = this.state.agents.find((x) => x.id === id);
    return a ? a.name : String(id || '');
  }

  // ---------------------------------------------------------------- rendering

  frame() {
    this.els = renderShell(this.root, this.ctx, {
      presence: (p) => void this.setPresence(p), lang: (l) => this.setLang(l), logout: () => void this.logout(),
      tab: (tab) => { this.state.tab = tab; this.frame(); if (tab === 'live') void this.loadLive(); },
    });
    this.renderLeft();
    this.renderCenter();
    this.renderRight();
  }

  renderLeft() {
    if (!this.els) return;
    const scroll = this.els.left.scrollTop;
    this.els.left.replaceChildren(...(this.state.tab === 'live' ? renderLive(this.ctx, this.state) : renderInbox(this.ctx, this.state)));
    this.els.left.scrollTop = scroll;
  }

  renderCenter(opts = {}) {
    if (!this.els) return;
    const cur = this.state.current;
    if (!cur) {
      this.composer.bind(null, { canReply: false, canNote: false });
      this.els.center.replaceChildren(h('div', { class: 'ac-empty' }, [
        h('div', { class: 'ac-empty-art', 'aria-hidden': 'true' }),
        h('h2', { text: this.t('selectChat') }), h('p', { text: this.t('selectChatSub') }),
      ]));
      return;
    }
    const old = this.els.center.querySelector('.ac-transcript');
    const nearEnd = !old || old.scrollHeight - old.scrollTop - old.clientHeight < 120;
    const prevTop = old ? old.scrollTop : 0;
    const log = h('div', { class: 'ac-transcript', role: 'log', 'data-testid': 'transcript' }, renderTranscript(this.ctx, cur));
    this.typingEl = h('div', { class: 'ac-typing', 'data-testid': 'customer-typing', hidden: true }, [
      h('span', { class: 'ac-dots', 'aria-hidden': 'true' }, [h('i'), h('i'), h('i')]), h('span', { class: 'ac-typing-text' }),
    ]);
    const c = cur.conversation;
    const user = this.state.user;
    const mine = c.status === 'agent' && c.assignedAgentId === user.id;
    const boss = this.isBoss();
    const canReply = mine;
    const canNote = mine || boss || c.status === 'queued';
    const locked = mine ? '' : c.status === 'queued' ? this.t('readOnlyQueued') : c.status === 'bot' ? this.t('readOnlyBot')
      : c.status === 'closed' ? this.t('readOnlyClosed') : this.t('readOnlyOther');
    this.composer.bind(c.conversationId, { canReply, canNote: canNote && c.status !== 'closed', lockedText: locked });
    const center = this.els.center;
    const focused = this.composer.el.contains(document.activeElement);
    if (this.composer.el.parentNode === center) {
      for (const child of [...center.children]) if (child !== this.composer.el) child.remove();
      center.insertBefore(renderHeader(this.ctx, cur), this.composer.el);
      center.insertBefore(log, this.composer.el);
      center.insertBefore(this.typingEl, this.composer.el);
    } else {
      center.replaceChildren(renderHeader(this.ctx, cur), log, this.typingEl, this.composer.el);
    }
    if (focused && document.activeElement !== this.composer.input) this.composer.focus();
    log.scrollTop = nearEnd || opts.toEnd ? log.scrollHeight : prevTop;
    this.renderTyping();
  }

  renderRight() {
    if (!this.els) return;
    const head = h('div', { class: 'ac-right-head' }, [h('h2', { text: this.t('packetTitle') })]);
    const body = this.state.current ? renderPacket(this.ctx, this.state.current) : [h('p', { class: 'ac-empty-small', text: this.t('packetEmpty') })];
    this.els.right.replaceChildren(head, h('div', { class: 'ac-right-body' }, body));
  }

  renderTyping() {
    if (!this.typingEl) return;
    const on = Date.now() < this.state.typingUntil;
    this.typingEl.hidden = !on;
    if (on) {
      this.typingEl.querySelector('.ac-typing-text').textContent = this.state.typingFrom === 'customer'
        ? this.t('customerTyping') : this.t('agentTyping', { name: this.agentName(this.state.typingFrom) });
    }
  }

  /** Once a second: waiting times and SLA countdowns, typing timeouts. */
  tick() {
    if (!this.els) return;
    const now = Date.now();
    for (const el of this.root.querySelectorAll('[data-tick]')) {
      const elapsed = (now - Number(el.getAttribute('data-at'))) / 1000;
      if (el.getAttribute('data-tick') === 'wait') {
        el.textContent = duration(this.t, Number(el.getAttribute('data-base')) + elapsed);
      } else {
        const left = Number(el.getAttribute('data-base')) - elapsed;
        el.textContent = left > 0 ? this.t('slaLeft', { time: duration(this.t, left) }) : this.t('slaOverdue', { time: duration(this.t, -left) });
        el.classList.toggle('ac-overdue', left <= 0);
      }
    }
    if (this.typingEl && !this.typingEl.hidden && now >= this.state.typingUntil) this.renderTyping();
  }

  reveal(messageId) {
    const el = this.els && this.els.center.querySelector(`[data-id="${CSS.escape(messageId)}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.classList.remove('ac-flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('ac-flash');
  }

  /** Shows the original of a message masked at rest (supervisors and admins; audited server-side). */
  async revealPii(messageId) {
    const id = this.state.currentId;
    try {
      const { text } = await this.api.revealMessage(id, messageId);
      this.state.revealed.set(messageId, text);
      if (this.state.currentId === id) this.renderCenter();
    } catch (err) {
      this.fail(err);
    }
  }

  // ---------------------------------------------------------------- conversations

  async open(id, opts = {}) {
    const switching = this.state.currentId !== id;
    this.state.currentId = id;
    this.state.unread.delete(id);
    if (switching) this.state.typingUntil = 0;
    this.renderLeft();
    try {
      const data = await this.api.conversation(id, this.lang);
      if (this.state.currentId !== id) return;
      this.state.current = { ...data, conversation: { ...data.conversation, conversationId: data.conversation.conversationId || id } };
      this.renderCenter({ toEnd: switching && !opts.keepScroll });
      this.renderRight();
    } catch (err) {
      const gone = err && (err.code === 'forbidden' || err.code === 'not_found');
      if (!switching && gone) { this.closeView(id); return; } // handed on: no longer ours to read
      this.fail(err);
      if (switching) this.closeView(id);
    }
  }

  closeView(id) {
    if (this.state.currentId !== id) return;
    this.state.currentId = null;
    this.state.current = null;
    this.renderLeft();
    this.renderCenter();
    this.renderRight();
  }

  async act(action) {
    const id = this.state.currentId;
    if (!id) return;
    if (action === 'takeover') { await this.takeover(id); return; }
    let body = {};
    if (action === 'transfer') { await this.loadAgents(); body = await transferDialog(this.t, this.state.agents, this.state.user.id); }
    if (action === 'resolve') body = await resolveDialog(this.t);
    if (action === 'close') body = await closeDialog(this.t);
    if (body === null) return;
    let done = false;
    try {
      await this.api.act(id, action, body);
      done = true;
      toast(this.els.toasts, this.t({ claim: 'claimed', transfer: 'transferred', resolve: 'resolved', close: 'closedToast' }[action]), 'ok');
    } catch (err) {
      this.fail(err);
    }
    const handedOn = done && action !== 'claim' && !this.isBoss(); // agents read only queued chats and their own
    if (handedOn) this.closeView(id);
    await Promise.all([this.loadChats(), this.loadQueue(), handedOn ? null : this.open(id, { keepScroll: true })]);
    if (action === 'claim') this.composer.focus();
  }

  async takeover(id) {
    try {
      await this.api.act(id, 'takeover');
      toast(this.els.toasts, this.t('tookOver'), 'ok');
      this.state.tab = 'inbox';
      this.frame();
    } catch (err) {
      this.fail(err);
    }
    await Promise.all([this.loadChats(), this.loadQueue(), this.open(id)]);
  }

  async send(mode, text) {
    const id = this.state.currentId;
    if (!id) return false;
    try {
      if (mode === 'note') {
        const { note } = await this.api.act(id, 'notes', { text });
        this.addNote(id, note);
      } else {
        const { message } = await this.api.act(id, 'reply', { text });
        this.addMessage(id, message);
      }
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  sendTyping() {
    const now = Date.now();
    if (!this.state.currentId || now - this.lastTypingSent < TYPING_SEND_MS) return;
    if (this.socket.send({ type: 'typing', conversationId: this.state.currentId })) this.lastTypingSent = now;
  }

  async setPresence(presence) {
    try {
      const { user } = await this.api.put('/api/me/presence', { presence });
      this.state.user = { ...this.state.user, ...user };
      this.frame();
      toast(this.els.toasts, this.t('presenceSet', { p: this.t(presence) }), 'ok');
    } catch (err) {
      this.fail(err);
    }
  }

  fail(err) {
    if (!this.els || (err && err.status === 401)) return;
    const code = (err && err.code) || 'internal';
    const key = `err_${code}`;
    toast(this.els.toasts, this.t(key) === key ? this.t('err_generic', { code }) : this.t(key), 'error');
  }

  // ---------------------------------------------------------------- live updates

  onUp() {
    this.els && (this.els.conn.hidden = true);
    void this.loadChats();
    if (this.state.tab === 'live') void this.loadLive();
    if (this.state.currentId) void this.open(this.state.currentId, { keepScroll: true });
  }

  onDown(delayMs) {
    if (!this.els) return;
    const retry = h('button', { type: 'button', class: 'ac-link', text: this.t('connRetry'), onclick: () => this.socket.reconnectNow() });
    this.els.conn.replaceChildren(h('span', { text: this.t('connReconnecting', { s: Math.ceil(delayMs / 1000) }) }), retry);
    this.els.conn.hidden = false;
  }

  onFrame(f) {
    switch (f.type) {
      case 'hello': if (f.user) this.state.user = { ...this.state.user, ...f.user }; return;
      case 'queue': this.setQueue(f.items, f.afterHours); return;
      case 'message': this.addMessage(f.conversationId, f.message); return;
      case 'note': this.addNote(f.conversationId, f.note); return;
      case 'status': this.onStatus(f); return;
      case 'typing': this.onTyping(f); return;
      case 'error': console.warn(`[concord] ${f.code}: ${f.message}`); return;
      default: return;
    }
  }

  addMessage(conversationId, message) {
    if (!message || typeof message.text !== 'string') return;
    const chat = this.state.chats.find((c) => c.conversationId === conversationId);
    if (chat) chat.lastMessage = { text: message.text, at: message.at, author: message.author };
    const live = this.state.live.find((c) => c.conversationId === conversationId);
    if (live) { live.lastMessage = { text: message.text, at: message.at, author: message.author }; if (message.emotion) live.emotion = message.emotion; }
    const cur = this.state.current;
    if (cur && this.state.currentId === conversationId) {
      if (!cur.messages.some((m) => m.id === message.id)) cur.messages.push(message);
      if (message.author === 'customer') this.state.typingUntil = 0;
      this.renderCenter();
      if (message.author === 'customer' || message.author === 'bot') this.refreshPacketSoon();
    } else if (chat && message.author === 'customer') this.state.unread.add(conversationId);
    this.renderLeft();
  }

  addNote(conversationId, note) {
    const cur = this.state.current;
    if (!note || !cur || this.state.currentId !== conversationId) return;
    if (!cur.notes.some((n) => n.id === note.id)) cur.notes.push(note);
    this.renderCenter();
  }

  onStatus(f) {
    const user = this.state.user;
    const toMe = f.assignedAgentId === user.id && f.status === 'agent';
    const wasMine = this.state.chats.some((c) => c.conversationId === f.conversationId);
    if (toMe && !wasMine && f.event && f.event.actor !== `agent:${user.id}` && f.event.actor !== `${user.role}:${user.id}`) {
      toast(this.els.toasts, this.t('newChatAssigned'), 'info');
    }
    void this.loadChats();
    if (this.state.tab === 'live') void this.loadLive();
    if (this.state.currentId === f.conversationId) void this.open(f.conversationId, { keepScroll: true });
  }

  onTyping(f) {
    if (f.conversationId !== this.state.currentId) return;
    if (f.from === 'agent' && f.agentId === this.state.user.id) return;
    this.state.typingFrom = f.from === 'customer' ? 'customer' : f.agentId;
    this.state.typingUntil = Date.now() + TYPING_SHOW_MS;
    this.renderTyping();
  }

  /** The packet follows the conversation (new facts, emotion), at most every 1.5 s. */
  refreshPacketSoon() {
    clearTimeout(this.packetTimer);
    this.packetTimer = setTimeout(async () => {
      const id = this.state.currentId;
      if (!id) return;
      const data = await this.api.conversation(id, this.lang).catch(() => null);
      if (!data || this.state.currentId !== id || !this.state.current) return;
      this.state.current.packet = data.packet;
      this.renderRight();
    }, 1500);
  }
}

const app = new ConsoleApp(document.getElementById('app'));
window.ConcordConsole = app;
void app.boot();
