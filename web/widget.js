/*
 * Concord web chat widget. Plain browser JavaScript, no build step.
 *
 * Embed:  <script src="https://concord.example.com/widget.js" defer></script>
 * Options (attributes of that script tag):
 *   data-concord-url  base URL of the Concord server (default: the script's own origin)
 *   data-lang         "en" | "zh" (default: the server's session language, else the browser's)
 *   data-mode         "floating" (launcher bubble bottom-right, default) | "inline"
 *   data-target       CSS selector of the element to render into when data-mode="inline"
 *
 * Speaks the web chat protocol described in docs/web-chat-protocol.md. All message text is
 * inserted with textContent, never as HTML.
 */
(() => {
  'use strict';

  if (window.Concord && window.Concord.version) return; // one widget per page

  const MAX_TEXT = 4000;
  const TYPING_THROTTLE_MS = 3000;
  const ACK_TIMEOUT_MS = 10000;
  const HISTORY_WAIT_MS = 1000;
  const BACKOFF_BASE_MS = 500;
  const BACKOFF_CAP_MS = 30000;
  const KEYS = { token: 'concord.token', conversation: 'concord.conversation', outbox: 'concord.outbox', lang: 'concord.lang' };

  // ---------------------------------------------------------------- strings

  const STRINGS = {
    en: {
      title: 'Customer care', subtitleBot: 'Virtual assistant',
      subtitleAgent: 'Talking to a person', language: 'Language',
      open: 'Open customer care chat', close: 'Close chat', conversation: 'Conversation',
      messageLabel: 'Your message', placeholder: 'Write a message…', send: 'Send message',
      hint: 'Enter to send · Shift+Enter for a new line',
      welcome: 'Hi! Tell us what happened and we will take care of it.',
      connecting: 'Connecting…', reconnecting: 'Connection lost. Reconnecting…', retryNow: 'Retry now',
      you: 'You', bot: 'Virtual assistant', agent: 'Support agent (a person)',
      agentNamed: '{name} · support agent (a person)',
      pending: 'Sending…', sent: 'Sent', failed: 'Not sent', retry: 'Retry',
      queued: 'You are in the queue: position {position}, estimated wait {eta}.',
      queuedNoPosition: 'You are in the queue. A person will be with you shortly.',
      agentJoined: 'You are now chatting with {name}.', agentJoinedAnon: 'You are now chatting with a person.',
      closed: 'This conversation has ended. Write a message to start a new one.',
      typingBot: 'The assistant is typing…', typingAgent: 'The agent is typing…',
      minutes: '{n} min', underMinute: 'less than a minute',
      tooLong: 'Messages can be at most {max} characters.',
      newConversation: 'A new conversation has started.',
      error_message_too_long: 'That message is too long (at most {max} characters). Please shorten it.',
      error_rate_limited: 'You are sending messages quickly. We will send yours in a moment.',
      error_store_unavailable: 'We could not save your message yet. We will try again in a moment.',
      error_generic: 'Sorry, something went wrong on our side. Please try again.',
      poweredBy: 'Powered by Concord',
    },
    zh: {
      title: '在线客服', subtitleBot: '智能助手',
      subtitleAgent: '人工客服为您服务', language: '语言',
      open: '打开在线客服', close: '关闭聊天', conversation: '对话记录',
      messageLabel: '您的消息', placeholder: '请输入消息…', send: '发送消息',
      hint: 'Enter 发送 · Shift+Enter 换行',
      welcome: '您好！请告诉我们发生了什么，我们会尽快为您处理。',
      connecting: '正在连接…', reconnecting: '连接已断开，正在重新连接…', retryNow: '立即重试',
      you: '我', bot: '智能助手', agent: '人工客服',
      agentNamed: '{name} · 人工客服',
      pending: '发送中…', sent: '已发送', failed: '发送失败', retry: '重试',
      queued: '您正在排队：第 {position} 位，预计等待 {eta}。',
      queuedNoPosition: '您正在排队，人工客服稍后就会为您服务。',
      agentJoined: '您现在正在与{name}交谈。', agentJoinedAnon: '您现在正在与人工客服交谈。',
      closed: '本次对话已结束。发送新消息即可开始新的对话。',
      typingBot: '智能助手正在输入…', typingAgent: '客服正在输入…',
      minutes: '{n} 分钟', underMinute: '不到 1 分钟',
      tooLong: '每条消息最多 {max} 个字符。',
      newConversation: '已开始新的对话。',
      error_message_too_long: '消息太长了（最多 {max} 个字符），请精简后再发送。',
      error_rate_limited: '您发送得有点快，我们稍后会自动为您发送。',
      error_store_unavailable: '消息暂时未能保存，我们稍后会自动重试。',
      error_generic: '抱歉，系统出了点问题，请稍后再试。',
      poweredBy: '由 Concord 提供支持',
    },
  };

  const normalizeLang = (value) => {
    const v = String(value || '').toLowerCase();
    if (v.startsWith('zh')) return 'zh';
    if (v.startsWith('en')) return 'en';
    return null;
  };

  // ---------------------------------------------------------------- small utilities

  const storage = {
    get(key) { try { return window.localStorage.getItem(key); } catch { return null; } },
    set(key, value) { try { window.localStorage.setItem(key, value); } catch { /* storage blocked */ } },
    remove(key) { try { window.localStorage.removeItem(key); } catch { /* storage blocked */ } },
  };

  const uuid = () => {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    const b = window.crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  /** Creates an element; `text` always goes through textContent. */
  const h = (tag, props, children) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children || []) if (child) el.append(child);
    return el;
  };

  const ICONS = {
    chat: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.3 3.6A.75.75 0 0 1 4.5 19v-3.1A2.5 2.5 0 0 1 4 14.5z',
    close: 'M6.7 5.3 12 10.6l5.3-5.3 1.4 1.4L13.4 12l5.3 5.3-1.4 1.4L12 13.4l-5.3 5.3-1.4-1.4L10.6 12 5.3 6.7z',
    send: 'M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z',
    bot: 'M12 2a1.5 1.5 0 0 1 .75 2.8V6H17a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3h4.25V4.8A1.5 1.5 0 0 1 12 2zM9 11.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
    person: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5z',
  };
  const icon = (name) => {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', ICONS[name]);
    svg.append(path);
    return svg;
  };

  // ---------------------------------------------------------------- configuration

  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const data = (script && script.dataset) || {};
  const scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  const baseUrl = new URL(data.concordUrl || scriptOrigin, location.href).href.replace(/\/+$/, '');
  const config = {
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, 'ws') + '/ws',
    lang: normalizeLang(data.lang),
    mode: data.mode === 'inline' ? 'inline' : 'floating',
    target: data.target || null,
  };

  // ---------------------------------------------------------------- connection

  /** One WebSocket at a time; reconnects with exponential backoff and jitter until stopped. */
  class Connection {
    constructor(urlFor, handlers) {
      this.urlFor = urlFor;
      this.handlers = handlers;
      this.ws = null;
      this.attempt = 0;
      this.timer = null;
    }

    get open() { return !!this.ws && this.ws.readyState === WebSocket.OPEN; }

    start() {
      this.started = true;
      if (!this.ws && !this.timer) this.connect();
    }

    connect() {
      clearTimeout(this.timer);
      this.timer = null;
      let ws;
      try { ws = new WebSocket(this.urlFor()); } catch { this.scheduleReconnect(); return; }
      this.ws = ws;
      ws.onmessage = (event) => {
        if (typeof event.data !== 'string') return;
        let frame;
        try { frame = JSON.parse(event.data); } catch { return; }
        if (frame && typeof frame.type === 'string') this.handlers.frame(frame);
      };
      ws.onclose = () => {
        if (this.ws !== ws) return;
        this.ws = null;
        this.handlers.down();
        this.scheduleReconnect();
      };
    }

    /** Called once the server has greeted us with a session: the link is healthy again. */
    healthy() { this.attempt = 0; }

    scheduleReconnect() {
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
      this.attempt += 1;
      const delay = ceiling / 2 + Math.random() * (ceiling / 2); // "equal jitter"
      this.timer = setTimeout(() => this.connect(), delay);
    }

    /** Skips the remaining backoff (network came back, user pressed "retry now"). */
    reconnectNow() {
      if (!this.started || this.ws) return;
      this.attempt = 0;
      this.connect();
    }

    send(frame) {
      if (!this.open) return false;
      this.ws.send(JSON.stringify(frame));
      return true;
    }
  }

  // ---------------------------------------------------------------- view

  /** Owns the shadow DOM. Knows nothing about the protocol: the controller drives it. */
  class View {
    constructor(host, mode, actions) {
      this.mode = mode;
      this.actions = actions;
      this.lang = 'en';
      this.rows = new Map(); // message key -> { row, state }
      this.isOpen = mode === 'inline';
      this.typingTimer = null;
      this.root = host.attachShadow({ mode: 'open' }); // open: test locators and a11y tools can reach in
      this.build();
    }

    t(key, vars) {
      const text = (STRINGS[this.lang] || STRINGS.en)[key] || STRINGS.en[key] || key;
      return text.replace(/\{(\w+)\}/g, (_, name) => (vars && vars[name] !== undefined ? String(vars[name]) : ''));
    }

    build() {
      const css = h('link', { rel: 'stylesheet', href: `${config.baseUrl}/static/widget.css` });
      this.app = h('div', { class: `cc-app cc-${this.mode}`, hidden: true });
      const reveal = () => this.app.removeAttribute('hidden');
      css.addEventListener('load', reveal);
      css.addEventListener('error', reveal);
      setTimeout(reveal, 3000);

      this.title = h('h2', { class: 'cc-title', id: 'cc-title' });
      this.subtitle = h('p', { class: 'cc-subtitle' });
      this.langEn = h('button', { type: 'button', class: 'cc-lang', 'data-testid': 'lang-en', lang: 'en', text: 'EN', onclick: () => this.actions.language('en') });
      this.langZh = h('button', { type: 'button', class: 'cc-lang', 'data-testid': 'lang-zh', lang: 'zh-CN', text: '中文', onclick: () => this.actions.language('zh') });
      this.langGroup = h('div', { class: 'cc-langs', role: 'group' }, [this.langEn, this.langZh]);
      this.closeBtn = this.mode === 'floating'
        ? h('button', { type: 'button', class: 'cc-icon-btn', 'data-testid': 'close', onclick: () => this.setOpen(false) }, [icon('close')])
        : null;
      const header = h('header', { class: 'cc-header' }, [
        h('div', { class: 'cc-header-avatar' }, [icon('chat')]),
        h('div', { class: 'cc-header-text' }, [this.title, this.subtitle]),
        this.langGroup, this.closeBtn,
      ]);

      this.connText = h('span');
      this.connRetry = h('button', { type: 'button', class: 'cc-link', onclick: () => this.actions.reconnect() });
      this.conn = h('div', { class: 'cc-conn', 'data-testid': 'connection', role: 'status', hidden: true }, [this.connText, this.connRetry]);
      this.status = h('div', { class: 'cc-status', 'data-testid': 'status', role: 'status', 'data-status': 'bot', hidden: true });

      this.welcome = h('p', { class: 'cc-welcome' });
      this.log = h('div', { class: 'cc-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
      this.quick = h('div', { class: 'cc-quick', role: 'group', hidden: true });
      this.typingText = h('span', { class: 'cc-sr' });
      this.typing = h('div', { class: 'cc-typing', 'data-testid': 'typing', hidden: true }, [
        h('span', { class: 'cc-dots', 'aria-hidden': 'true' }, [h('i'), h('i'), h('i')]), this.typingText,
      ]);
      this.scroller = h('div', { class: 'cc-scroll' }, [this.welcome, this.log, this.quick, this.typing]);

      this.inputLabel = h('label', { class: 'cc-sr', for: 'cc-input' });
      this.input = h('textarea', {
        id: 'cc-input', class: 'cc-input', 'data-testid': 'input', rows: 1, maxlength: MAX_TEXT,
        'aria-describedby': 'cc-hint cc-counter', enterkeyhint: 'send', autocomplete: 'off',
      });
      this.sendBtn = h('button', { type: 'submit', class: 'cc-send', 'data-testid': 'send', disabled: true }, [icon('send')]);
      this.hint = h('span', { class: 'cc-hint', id: 'cc-hint' });
      this.counter = h('span', { class: 'cc-counter', id: 'cc-counter', 'data-testid': 'counter' });
      this.form = h('form', { class: 'cc-composer', novalidate: true }, [
        this.inputLabel,
        h('div', { class: 'cc-input-row' }, [this.input, this.sendBtn]),
        h('div', { class: 'cc-composer-foot' }, [this.hint, this.counter]),
      ]);
      this.powered = h('p', { class: 'cc-powered' });

      this.panel = h('section', { class: 'cc-panel', id: 'cc-panel', 'aria-labelledby': 'cc-title', 'data-testid': 'panel' }, [
        header, this.conn, this.status, this.scroller, this.form, this.powered,
      ]);
      this.app.append(this.panel);
      if (this.mode === 'floating') {
        this.badge = h('span', { class: 'cc-badge', 'data-testid': 'unread', hidden: true });
        this.launcher = h('button', {
          type: 'button', class: 'cc-launcher', 'data-testid': 'launcher', 'aria-controls': 'cc-panel', 'aria-expanded': 'false',
          onclick: () => this.setOpen(!this.isOpen),
        }, [icon('chat'), icon('close'), this.badge]);
        this.app.append(this.launcher);
        this.panel.hidden = true;
        this.app.addEventListener('keydown', (e) => { if (e.key === 'Escape' && this.isOpen) this.setOpen(false); });
      }
      this.root.append(css, this.app);
      this.wireComposer();
    }

    wireComposer() {
      this.input.addEventListener('keydown', (e) => {
        // While an IME is composing (pinyin etc.), Enter picks the candidate: never send then.
        if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
        e.preventDefault();
        this.submit();
      });
      this.input.addEventListener('input', () => {
        this.refreshComposer();
        if (this.input.value.trim()) this.actions.typing();
      });
      this.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    }

    submit() {
      if (this.input.value.length > MAX_TEXT) return;
      if (this.actions.send(this.input.value)) {
        this.input.value = '';
        this.refreshComposer();
      }
      this.input.focus();
    }

    refreshComposer() {
      const length = this.input.value.length;
      this.input.style.height = 'auto';
      this.input.style.height = `${Math.min(this.input.scrollHeight, 140)}px`;
      this.sendBtn.disabled = !this.input.value.trim() || length > MAX_TEXT;
      this.counter.textContent = length ? `${length} / ${MAX_TEXT}` : '';
      this.counter.classList.toggle('cc-near', length > MAX_TEXT * 0.9);
    }

    setLanguage(lang) {
      this.lang = lang;
      this.app.setAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
      this.title.textContent = this.t('title');
      this.langGroup.setAttribute('aria-label', this.t('language'));
      this.langEn.setAttribute('aria-pressed', String(lang === 'en'));
      this.langZh.setAttribute('aria-pressed', String(lang === 'zh'));
      if (this.closeBtn) this.closeBtn.setAttribute('aria-label', this.t('close'));
      if (this.launcher) this.launcher.setAttribute('aria-label', this.t('open'));
      this.connRetry.textContent = this.t('retryNow');
      this.welcome.textContent = this.t('welcome');
      this.log.setAttribute('aria-label', this.t('conversation'));
      this.inputLabel.textContent = this.t('messageLabel');
      this.input.placeholder = this.t('placeholder');
      this.sendBtn.setAttribute('aria-label', this.t('send'));
      this.hint.textContent = this.t('hint');
      this.powered.textContent = this.t('poweredBy');
    }

    setSubtitle(agent) { this.subtitle.textContent = agent ? this.t('subtitleAgent') : this.t('subtitleBot'); }

    setOpen(open) {
      if (this.mode !== 'floating') return;
      this.isOpen = open;
      this.panel.hidden = !open;
      this.launcher.setAttribute('aria-expanded', String(open));
      this.app.classList.toggle('cc-open', open);
      if (open) {
        this.setUnread(0);
        this.scrollToEnd();
        this.input.focus();
        this.actions.opened();
      } else {
        this.launcher.focus();
      }
    }

    setUnread(count) {
      if (!this.badge) return;
      this.badge.hidden = count === 0;
      this.badge.textContent = count > 9 ? '9+' : String(count);
    }

    // ---- messages

    renderAll(messages) {
      this.log.setAttribute('aria-busy', 'true'); // do not read the whole history aloud
      this.log.replaceChildren();
      this.rows.clear();
      for (const m of messages) this.link(this.log.appendChild(this.row(m)));
      this.welcome.hidden = messages.length > 0;
      this.log.removeAttribute('aria-busy');
      this.scrollToEnd();
    }

    append(m) {
      const stick = m.from === 'customer' || this.nearEnd();
      this.welcome.hidden = true;
      const row = this.row(m);
      row.classList.add('cc-new');
      this.link(this.log.appendChild(row));
      if (stick) this.scrollToEnd();
    }

    row(m) {
      const from = ['customer', 'bot', 'agent'].includes(m.from) ? m.from : 'system';
      const text = h('p', { class: 'cc-text', 'data-testid': 'msg-text', text: m.text });
      if (from === 'system') return h('div', { class: 'cc-system', 'data-testid': 'msg', 'data-from': 'system' }, [text]);
      const customer = from === 'customer';
      const sender = customer ? this.t('you')
        : from === 'agent' ? (m.agentName ? this.t('agentNamed', { name: m.agentName }) : this.t('agent'))
          : this.t('bot');
      const state = customer ? h('span', { class: 'cc-state' }) : null;
      const row = h('div', {
        class: `cc-row cc-${from}`, 'data-testid': 'msg', 'data-from': from, 'data-id': m.clientId || m.id,
      }, [
        customer ? null : h('div', { class: 'cc-avatar', 'aria-hidden': 'true' }, [icon(from === 'agent' ? 'person' : 'bot')]),
        h('div', { class: 'cc-body' }, [
          h('div', { class: customer ? 'cc-sr' : 'cc-sender', text: sender }),
          h('div', { class: 'cc-bubble' }, [text]),
          h('div', { class: 'cc-meta' }, [h('time', { datetime: isoTime(m.at), text: this.clock(m.at) }), state]),
        ]),
      ]);
      this.rows.set(m.key, { row, state });
      if (customer) this.updateState(m);
      return row;
    }

    /** Consecutive messages from one sender form a group: one name on top, one avatar below. */
    link(row) {
      const prev = row.previousElementSibling;
      if (!prev || !prev.classList.contains('cc-row') || prev.getAttribute('data-from') !== row.getAttribute('data-from')) return;
      prev.classList.add('cc-followed');
      row.classList.add('cc-continued');
    }

    updateState(m) {
      const entry = this.rows.get(m.key);
      if (!entry || !entry.state) return;
      entry.row.setAttribute('data-state', m.state);
      const parts = [h('span', { text: this.t(m.state) })];
      if (m.state === 'failed') {
        parts.push(h('button', { type: 'button', class: 'cc-link', 'data-testid': 'retry', text: this.t('retry'), onclick: () => this.actions.retry(m) }));
      }
      entry.state.replaceChildren(...parts);
    }

    clock(at) {
      const date = new Date(at || Date.now());
      if (Number.isNaN(date.getTime())) return '';
      return new Intl.DateTimeFormat(this.lang === 'zh' ? 'zh-CN' : 'en', { hour: 'numeric', minute: '2-digit' }).format(date);
    }

    setQuickReplies(replies) {
      this.quick.replaceChildren();
      this.quick.hidden = !replies || replies.length === 0;
      if (this.quick.hidden) return;
      for (const reply of replies) {
        this.quick.append(h('button', {
          type: 'button', class: 'cc-chip', 'data-testid': 'quick-reply', 'data-value': reply.value, text: reply.label,
          onclick: (e) => {
            for (const b of this.quick.querySelectorAll('button')) b.disabled = true;
            e.currentTarget.classList.add('cc-chosen');
            this.actions.quickReply(reply);
          },
        }));
      }
      if (this.nearEnd(200)) this.scrollToEnd();
    }

    setTyping(from) {
      clearTimeout(this.typingTimer);
      this.typing.hidden = !from;
      if (!from) return;
      this.typing.setAttribute('data-from', from);
      this.typingText.textContent = from === 'agent' ? this.t('typingAgent') : this.t('typingBot');
      if (this.nearEnd(120)) this.scrollToEnd();
      this.typingTimer = setTimeout(() => this.setTyping(null), 8000);
    }

    /** connection: "ok" | "connecting" | "reconnecting" */
    setConnection(state) {
      this.conn.hidden = state === 'ok';
      this.subtitle.classList.toggle('cc-offline', state !== 'ok');
      this.conn.setAttribute('data-state', state);
      this.connText.textContent = state === 'ok' ? '' : this.t(state);
      this.connRetry.hidden = state !== 'reconnecting';
    }

    setStatus(text, status) {
      this.status.setAttribute('data-status', status);
      this.status.hidden = !text;
      this.status.textContent = text || '';
    }

    /** A polite, transient line in the conversation (errors, "new conversation"). */
    notice(text) {
      const last = this.log.lastElementChild;
      if (last && last.classList.contains('cc-notice')) last.remove();
      this.log.append(h('p', { class: 'cc-notice', 'data-testid': 'notice', text }));
      this.scrollToEnd();
    }

    nearEnd(slack = 80) {
      const s = this.scroller;
      return s.scrollHeight - s.scrollTop - s.clientHeight < slack;
    }

    scrollToEnd() { this.scroller.scrollTop = this.scroller.scrollHeight; }
  }

  const isoTime = (at) => {
    const date = new Date(at || Date.now());
    return Number.isNaN(date.getTime()) ? '' : date.toISOString();
  };

  // ---------------------------------------------------------------- controller

  const LANG_PRIORITY = { browser: 0, server: 1, attribute: 2, user: 3 };

  const loadOutbox = () => {
    const outbox = new Map();
    try {
      const list = JSON.parse(storage.get(KEYS.outbox) || '[]');
      for (const e of Array.isArray(list) ? list : []) {
        if (e && typeof e.id === 'string' && typeof e.text === 'string') outbox.set(e.id, e);
      }
    } catch { /* corrupt entry: start empty */ }
    return outbox;
  };

  /** Error codes that refuse a message for good: resending the same frame cannot help. */
  const REFUSED = new Set(['message_too_long', 'empty_message', 'invalid_id', 'invalid_frame', 'frame_too_large']);

  /** Protocol state: messages, the outbox of unacknowledged messages, language, status. */
  class Controller {
    constructor(mode) {
      this.mode = mode;
      this.messages = [];
      this.seen = new Set(); // server message ids already shown
      this.outbox = loadOutbox(); // client id -> { id, text, value?, at }; survives reloads
      this.ackTimers = new Map();
      this.status = { status: 'bot' };
      this.conversationId = storage.get(KEYS.conversation);
      this.everConnected = false;
      this.lastTypingSent = 0;
      this.unread = 0;
      this.view = new View(this.mountHost(), this.mode, {
        send: (text) => this.send(text),
        quickReply: (reply) => this.send(reply.label, reply.value),
        retry: (m) => this.retry(m),
        typing: () => this.typing(),
        language: (lang) => { storage.set(KEYS.lang, lang); this.offerLanguage(lang, 'user'); },
        reconnect: () => this.conn.reconnectNow(),
        opened: () => { this.unread = 0; this.connect(); },
      });
      this.conn = new Connection(() => this.socketUrl(), { frame: (f) => this.onFrame(f), down: () => this.onDown() });

      this.lang = 'en';
      this.langSource = 'browser';
      this.offerLanguage(normalizeLang(navigator.language) || 'en', 'browser');
      this.offerLanguage(config.lang, 'attribute');
      this.offerLanguage(normalizeLang(storage.get(KEYS.lang)), 'user');
      this.view.setLanguage(this.lang);
      this.applyStatus(this.status);
      this.view.setConnection('ok');

      for (const e of this.outbox.values()) { // written before a reload but never acknowledged
        this.messages.push({ key: e.id, clientId: e.id, from: 'customer', text: e.text, at: e.at, state: 'pending' });
      }
      this.view.renderAll(this.messages);

      window.addEventListener('online', () => this.conn.reconnectNow());
      document.addEventListener('visibilitychange', () => { if (!document.hidden) this.conn.reconnectNow(); });
      const resuming = storage.get(KEYS.token) || this.outbox.size > 0;
      if (this.mode === 'inline' || resuming) this.connect();
    }

    mountHost() {
      const host = document.createElement('concord-chat');
      const target = config.mode === 'inline' && config.target ? document.querySelector(config.target) : null;
      if (this.mode === 'inline' && target) {
        host.style.cssText = 'display:block;height:100%;min-height:0;';
        target.append(host);
      } else {
        if (this.mode === 'inline') console.warn(`[concord] data-target ${config.target} not found; using floating mode`);
        this.mode = 'floating';
        host.style.cssText = 'position:fixed;right:0;bottom:0;z-index:2147483000;';
        document.body.append(host);
      }
      return host;
    }

    connect() {
      if (!this.everConnected) setTimeout(() => { if (!this.everConnected) this.view.setConnection('connecting'); }, 800);
      this.conn.start();
    }

    socketUrl() {
      const url = new URL(config.wsUrl);
      const token = storage.get(KEYS.token);
      if (token) url.searchParams.set('token', token);
      url.searchParams.set('lang', this.lang); // a hint for a brand-new conversation
      return url.href;
    }

    offerLanguage(lang, source) {
      if (!lang || !STRINGS[lang] || LANG_PRIORITY[source] < LANG_PRIORITY[this.langSource]) return;
      this.langSource = source;
      if (lang === this.lang && this.view.lang === lang) return;
      this.lang = lang;
      this.view.setLanguage(lang);
      this.view.renderAll(this.messages);
      this.refreshQuickReplies();
      this.applyStatus(this.status);
    }

    // ---- frames from the server

    onFrame(f) {
      switch (f.type) {
        case 'session': return this.onSession(f);
        case 'history': return this.onHistory(f);
        case 'ack': return this.onAck(f);
        case 'message': return this.onMessage(f);
        case 'status': return this.applyStatus(f);
        case 'typing': return this.view.setTyping(f.from === 'agent' ? 'agent' : 'bot');
        case 'error': return this.onError(f);
        default: return undefined; // newer server, older widget: ignore
      }
    }

    onSession(f) {
      const resumed = !!this.conversationId && f.conversationId === this.conversationId;
      if (typeof f.token === 'string' && f.token) storage.set(KEYS.token, f.token);
      if (this.conversationId && !resumed && this.messages.some((m) => !this.outbox.has(m.clientId))) {
        // The old conversation is gone (expired token): start clean but keep what was never sent.
        this.messages = this.messages.filter((m) => this.outbox.has(m.clientId));
        this.seen.clear();
        this.view.renderAll(this.messages);
        this.view.notice(this.view.t('newConversation'));
      }
      this.conversationId = f.conversationId;
      storage.set(KEYS.conversation, String(f.conversationId));
      this.offerLanguage(normalizeLang(f.language), 'server');
      if (typeof f.status === 'string') this.applyStatus({ status: f.status });
      this.everConnected = true;
      this.conn.healthy();
      this.view.setConnection('ok');
      clearTimeout(this.historyTimer);
      // On resume the history comes next; resend after it so nothing stored is sent twice.
      if (resumed) this.historyTimer = setTimeout(() => this.flushOutbox(), HISTORY_WAIT_MS);
      else this.flushOutbox();
    }

    onHistory(f) {
      const messages = [];
      this.seen.clear();
      for (const item of Array.isArray(f.messages) ? f.messages : []) {
        if (!item || typeof item.text !== 'string') continue;
        if (item.id) this.seen.add(item.id);
        if (item.clientId && this.outbox.has(item.clientId)) this.settle(item.clientId);
        messages.push({
          key: item.id || uuid(), id: item.id, clientId: item.clientId, from: item.from, text: item.text,
          quickReplies: item.quickReplies, at: item.at, state: 'sent',
        });
      }
      const unsent = this.messages.filter((m) => m.from === 'customer' && this.outbox.has(m.clientId));
      this.messages = messages.concat(unsent);
      this.view.renderAll(this.messages);
      this.refreshQuickReplies();
      clearTimeout(this.historyTimer);
      this.flushOutbox();
    }

    onAck(f) {
      this.settle(f.id);
      const m = this.messages.find((x) => x.clientId === f.id);
      if (m && m.state !== 'sent') {
        m.state = 'sent';
        this.view.updateState(m);
      }
    }

    onMessage(f) {
      if (typeof f.text !== 'string' || (f.id && this.seen.has(f.id))) return;
      if (f.id) this.seen.add(f.id);
      if (f.from === 'customer' && f.clientId && this.messages.some((m) => m.clientId === f.clientId)) return;
      this.view.setTyping(null);
      this.push({
        key: f.id || uuid(), id: f.id, from: f.from, text: f.text, quickReplies: f.quickReplies,
        at: f.at || Date.now(), state: 'sent', agentName: f.from === 'agent' ? this.status.agentName : undefined,
      });
      if (this.mode === 'floating' && !this.view.isOpen && f.from !== 'customer') this.view.setUnread(++this.unread);
    }

    applyStatus(f) {
      const status = ['bot', 'queued', 'agent', 'closed'].includes(f.status) ? f.status : 'bot';
      this.status = { ...f, status, agentName: f.agentName || (status === 'agent' ? this.status.agentName : undefined) };
      const t = (key, vars) => this.view.t(key, vars);
      let text = '';
      if (status === 'queued') {
        const eta = Number(f.etaSeconds);
        const etaText = !Number.isFinite(eta) ? '' : eta < 60 ? t('underMinute') : t('minutes', { n: Math.ceil(eta / 60) });
        text = Number.isFinite(Number(f.position)) && etaText
          ? t('queued', { position: f.position, eta: etaText }) : t('queuedNoPosition');
      } else if (status === 'agent') {
        text = this.status.agentName ? t('agentJoined', { name: this.status.agentName }) : t('agentJoinedAnon');
      } else if (status === 'closed') {
        text = t('closed');
      }
      this.view.setStatus(text, status);
      this.view.setSubtitle(status === 'agent');
    }

    onError(f) {
      const code = typeof f.code === 'string' ? f.code : 'error';
      if (f.message) console.warn(`[concord] ${code}: ${f.message}`);
      if (code === 'rate_limited' || code === 'store_unavailable') { // not stored: same id again later
        clearTimeout(this.retryTimer);
        const wait = Number(f.retryAfterMs) > 0 ? Number(f.retryAfterMs) : 2000;
        this.retryTimer = setTimeout(() => this.flushOutbox(), wait);
      } else if (f.id && this.outbox.has(f.id) && REFUSED.has(code)) {
        this.settle(f.id);
        const m = this.messages.find((x) => x.clientId === f.id);
        if (m) { m.state = 'failed'; this.view.updateState(m); }
      }
      const key = `error_${code}`;
      this.view.notice(STRINGS.en[key] ? this.view.t(key, { max: MAX_TEXT }) : this.view.t('error_generic'));
    }

    onDown() {
      this.view.setTyping(null);
      this.view.setConnection(this.everConnected ? 'reconnecting' : 'connecting');
    }

    // ---- customer actions

    send(raw, value) {
      const text = String(raw).trim();
      if (!text) return false;
      if (text.length > MAX_TEXT) {
        this.view.notice(this.view.t('tooLong', { max: MAX_TEXT }));
        return false;
      }
      const entry = { id: uuid(), text, at: Date.now() };
      if (value !== undefined) entry.value = String(value);
      this.outbox.set(entry.id, entry);
      this.saveOutbox();
      this.push({ key: entry.id, clientId: entry.id, from: 'customer', text, at: entry.at, state: 'pending' });
      this.transmit(entry);
      this.conn.start();
      return true;
    }

    retry(m) {
      if (!this.outbox.has(m.clientId)) {
        this.outbox.set(m.clientId, { id: m.clientId, text: m.text, at: m.at });
        this.saveOutbox();
      }
      this.transmit(this.outbox.get(m.clientId));
      if (!this.conn.open) this.conn.reconnectNow();
    }

    typing() {
      const now = Date.now();
      if (now - this.lastTypingSent < TYPING_THROTTLE_MS) return;
      if (this.conn.send({ type: 'typing' })) this.lastTypingSent = now;
    }

    // ---- outbox

    /** Sends (or resends, with the same id: the server dedupes) and watches for the ack. */
    transmit(entry) {
      const frame = { type: 'message', id: entry.id, text: entry.text };
      if (entry.value !== undefined) frame.value = entry.value;
      const m = this.messages.find((x) => x.clientId === entry.id);
      if (m && m.state !== 'pending') { m.state = 'pending'; this.view.updateState(m); }
      this.conn.send(frame);
      clearTimeout(this.ackTimers.get(entry.id));
      this.ackTimers.set(entry.id, setTimeout(() => {
        if (!this.outbox.has(entry.id) || !m) return;
        m.state = 'failed'; // still queued: it goes out again on the next connection
        this.view.updateState(m);
      }, ACK_TIMEOUT_MS));
    }

    flushOutbox() { for (const entry of this.outbox.values()) this.transmit(entry); }

    settle(clientId) {
      clearTimeout(this.ackTimers.get(clientId));
      this.ackTimers.delete(clientId);
      if (this.outbox.delete(clientId)) this.saveOutbox();
    }

    saveOutbox() {
      if (this.outbox.size === 0) storage.remove(KEYS.outbox);
      else storage.set(KEYS.outbox, JSON.stringify([...this.outbox.values()]));
    }

    push(m) {
      this.messages.push(m);
      this.view.append(m);
      this.refreshQuickReplies();
    }

    /** Quick replies belong to the last message only; any later message makes them stale. */
    refreshQuickReplies() {
      const last = this.messages[this.messages.length - 1];
      const replies = last && last.from !== 'customer' && Array.isArray(last.quickReplies)
        ? last.quickReplies.filter((r) => r && typeof r.label === 'string') : [];
      this.view.setQuickReplies(replies.map((r) => ({ label: r.label, value: r.value === undefined ? r.label : String(r.value) })));
    }
  }

  // ---------------------------------------------------------------- boot

  const boot = () => {
    const controller = new Controller(config.mode);
    window.Concord = {
      version: '1',
      open: () => controller.view.setOpen(true),
      close: () => controller.view.setOpen(false),
      setLanguage: (lang) => controller.offerLanguage(normalizeLang(lang), 'user'),
    };
  };
  window.Concord = { version: 'loading' };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
  else boot();
})();
