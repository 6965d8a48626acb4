/*
 * Concord admin console (docs/admin-console.md). Plain browser modules; the editor bundle
 * (CodeMirror + yaml) comes from build/editor.js. Speaks the content API and the console API over
 * fetch with the session cookie and the CSRF header (the agent console's Api client).
 */
import { Api } from '../agent/api.js';
import { h } from '../agent/dom.js';
import { renderLogin, langSwitch, toast } from '../agent/shell.js';
import { modal, field } from '../agent/dialogs.js';
import { makeT, normalizeLang } from './i18n.js';
import { renderEditorPane } from './editor-pane.js';
import { renderSide } from './side.js';
import { renderAudit } from './versions.js';

const LANG_KEY = 'concord.admin.lang';
const storage = {
  get(k) { try { return localStorage.getItem(k); } catch { return null; } },
  set(k, v) { try { localStorage.setItem(k, v); } catch { /* blocked */ } },
};
const path = (kind, name, rest = '') => `/api/admin/content/${encodeURIComponent(kind)}/${encodeURIComponent(name)}${rest}`;

class AdminApp {
  constructor(root) {
    this.root = root;
    this.api = new Api();
    this.api.onUnauthenticated = () => this.showLogin(this.t('sessionExpired'));
    this.user = null;
    this.items = [];
    this.item = null;
    this.pane = null;
    this.view = 'yaml';
    this.tab = 'content';
    this.capabilities = {};
    this.setLang(normalizeLang(storage.get(LANG_KEY)) || normalizeLang(navigator.language) || 'en', false);
    window.addEventListener('beforeunload', (e) => { if (this.dirty) e.preventDefault(); });
  }

  setLang(lang, rerender = true) {
    this.lang = lang;
    this.t = makeT(lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${this.t('consoleName')} · Concord`;
    if (!rerender) return;
    storage.set(LANG_KEY, lang);
    if (this.user) this.frame(); else this.showLogin();
  }

  /** `user:<id>` as the person's name; other authors (`system`) as they are. */
  who(author) { return (this.names && this.names.get(author)) || author || ''; }

  get dirty() { return !!this.pane && !!this.item && this.pane.text !== this.savedText; }

  async boot() {
    try { await this.signedIn(await this.api.me()); } catch { this.showLogin(); }
  }

  showLogin(notice) {
    this.user = null;
    renderLogin(this.root, { t: this.t, lang: this.lang }, {
      notice, email: this.lastEmail, onLang: (l) => this.setLang(l),
      onSubmit: async (email, password) => {
        this.lastEmail = email;
        try { await this.signedIn(await this.api.login(email, password)); return null; } catch (err) { return { code: err.code, body: err.body }; }
      },
    });
  }

  async signedIn(user) {
    if (user.role !== 'admin') { await this.api.logout().catch(() => undefined); this.showLogin(this.t('err_forbidden')); return; }
    this.user = user;
    const [capabilities, people] = await Promise.all([this.api.get('/api/admin/capabilities').catch(() => ({})), this.api.get('/api/agents').catch(() => ({ items: [] }))]);
    this.capabilities = capabilities;
    this.names = new Map((people.items || []).map((u) => [`user:${u.id}`, u.name]));
    this.frame();
  }

  frame() {
    const t = this.t;
    const tabBtn = (id, label) => h('button', { type: 'button', class: 'ac-tab', 'data-testid': `tab-${id}`, 'aria-pressed': String(this.tab === id), text: label, onclick: () => { this.tab = id; this.frame(); } });
    this.left = h('aside', { class: 'ad-left', 'data-testid': 'content-list' });
    this.center = h('section', { class: 'ad-center' });
    this.side = h('aside', { class: 'ad-side' });
    this.toasts = h('div', { class: 'ac-toasts', 'aria-live': 'polite', 'data-testid': 'toasts' });
    const main = this.tab === 'audit' ? h('main', { class: 'ad-main ad-main-audit', 'data-testid': 'audit-host' }) : h('main', { class: 'ad-main' }, [this.left, this.center, this.side]);
    this.root.replaceChildren(h('div', { class: 'ac-app ad-app' }, [
      h('header', { class: 'ac-top' }, [
        h('div', { class: 'ac-brand' }, [h('span', { class: 'ac-logo', 'aria-hidden': 'true', text: 'C' }), h('span', { class: 'ac-brand-name', text: t('appName') }), h('span', { class: 'ac-brand-sub', 'data-testid': 'console-name', text: t('consoleName') })]),
        h('nav', { class: 'ac-tabs' }, [tabBtn('content', t('tabContent')), tabBtn('audit', t('tabAudit'))]),
        h('span', { class: 'ac-spacer' }), langSwitch(this.lang, (l) => this.setLang(l)),
        h('div', { class: 'ac-me', 'data-testid': 'me' }, [
          h('span', { class: 'ac-me-text' }, [h('span', { class: 'ac-me-name', text: this.user.name }), h('span', { class: 'ac-me-role', text: t('role_admin') })]),
          h('button', { type: 'button', class: 'ac-btn ac-btn-ghost ac-btn-xs', 'data-testid': 'logout', text: t('signOut'), onclick: () => this.logout() }),
        ]),
      ]),
      main, this.toasts,
    ]));
    if (this.tab === 'audit') return void this.loadAudit(main);
    void this.loadList();
    if (this.item) this.renderItem(this.pane ? this.pane.text : undefined);
    else this.center.replaceChildren(h('div', { class: 'ad-empty' }, [h('h2', { class: 'ad-h2', text: t('pickItem') }), h('p', { class: 'ac-muted', text: t('pickItemSub') })]));
  }

  async logout() {
    await this.api.logout().catch(() => undefined);
    this.item = null;
    this.pane?.destroy();
    this.pane = null;
    this.showLogin();
  }

  error(err) {
    const key = `err_${err.code}`;
    toast(this.toasts, this.t(key) === key ? `${this.t('err_generic', { code: err.code })} ${err.message || ''}` : this.t(key), 'error');
  }

  async loadList() {
    const data = await this.api.get('/api/admin/content').catch((err) => { if (err.status === 404) this.left.replaceChildren(h('p', { class: 'ad-error', text: this.t('err_content_missing') })); return null; });
    if (!data) return;
    this.items = data.items || [];
    const t = this.t;
    const group = (kind, label) => h('div', { class: 'ad-group' }, [
      h('h3', { class: 'ad-group-h', text: label }),
      h('ul', { class: 'ad-list' }, this.items.filter((i) => i.kind === kind).map((i) => h('li', {}, [h('button', {
        type: 'button', class: 'ad-list-item', 'data-testid': 'content-item', 'data-kind': i.kind, 'data-name': i.name,
        'aria-current': String(!!this.item && this.item.kind === i.kind && this.item.name === i.name), onclick: () => this.open(i.kind, i.name),
      }, [
        h('span', { class: 'ac-mono', text: i.name }), h('span', { class: 'ac-spacer' }),
        i.draft ? h('span', { class: 'ad-badge ad-badge-draft', 'data-testid': 'draft-badge', text: t('draftBadge') }) : null,
        h('span', { class: 'ad-badge', text: i.publishedVersion ? t('published', { n: i.publishedVersion }) : t('notPublished') }),
      ])]))),
    ]);
    this.left.replaceChildren(group('script', t('scripts')), group('intent', t('intents')));
  }

  async open(kind, name) {
    if (this.dirty && !window.confirm(this.t('unsaved'))) return;
    try {
      this.item = await this.api.get(path(kind, name));
    } catch (err) { this.error(err); return; }
    this.conflict = null;
    this.renderItem();
    void this.loadList();
  }

  /** The content API path of the open item, plus `rest`. */
  itemPath(rest = '') {
    return path(this.item.kind, this.item.name, rest);
  }

  /** The text the server holds for the item (draft, else published). */
  get savedText() {
    return this.item.draft ? this.item.draft.source : this.item.published ? this.item.published.source : '';
  }

  renderItem(text) {
    this.pane?.destroy();
    const item = this.item;
    this.pane = renderEditorPane(this.center, {
      t: this.t, lang: this.lang, who: (a) => this.who(a), item, text: text ?? this.savedText, view: this.view, capabilities: this.capabilities,
      ops: {
        lint: (source) => this.api.post('/api/admin/validate', { kind: item.kind, name: item.name, source }).then((r) => r.diagnostics || []),
        save: () => this.save(), publish: () => this.publish(), discard: () => this.discard(),
        understand: (s) => this.api.post('/api/admin/understand', { text: s, draft: { kind: item.kind, name: item.name, source: this.pane.text } }).then((r) => r.analysis),
        changed: () => this.pane && this.pane.status({ dirty: this.dirty, draft: item.draft }),
        viewChanged: (v) => { this.view = v; },
      },
    });
    this.pane.status({ dirty: this.dirty, draft: item.draft });
    this.sideApi = renderSide(this.side, { t: this.t, lang: this.lang, app: this, item });
  }

  /** Saves the draft; resolves true when saved. */
  async save() {
    const item = this.item;
    this.pane.busy(true);
    try {
      const res = await this.api.put(path(item.kind, item.name, '/draft'), { source: this.pane.text, expectedRevision: item.draft ? item.draft.revision : 0 });
      item.draft = res.draft;
      this.pane.conflict(null);
      toast(this.toasts, this.t('saved', { rev: res.draft.revision }), 'ok');
      void this.loadList();
      return true;
    } catch (err) {
      if (err.status === 409) this.showConflict(err.body); else this.error(err);
      return false;
    } finally {
      this.pane.busy(false);
      this.pane.status({ dirty: this.dirty, draft: item.draft });
    }
  }

  showConflict(body) {
    const item = this.item;
    this.pane.conflict(body, () => {
      item.draft = { ...item.draft, ...body.current };
      this.pane.setText(body.current.source);
      this.pane.conflict(null);
      this.pane.status({ dirty: this.dirty, draft: item.draft });
    }, () => {
      item.draft = { ...item.draft, ...body.current, source: body.current.source };
      this.pane.conflict(null);
      this.pane.status({ dirty: this.dirty, draft: item.draft });
    });
  }

  async publish() {
    if (this.dirty && !(await this.save())) return;
    const item = this.item;
    const t = this.t;
    const message = h('input', { class: 'ac-text', type: 'text', maxlength: 500, required: true, 'data-testid': 'publish-message' });
    const body = await modal(t, {
      title: t('publishTitle', { name: item.name }), confirm: t('publish'), testid: 'publish-dialog',
      body: { nodes: [h('p', { class: 'ac-dialog-text', text: t('publishBody') }), field(t('publishMessage'), message)], value: () => (message.value.trim() ? { message: message.value.trim() } : (message.focus(), undefined)) },
    });
    if (!body) return;
    try {
      const res = await this.api.post(path(item.kind, item.name, '/publish'), { ...body, expectedRevision: item.draft ? item.draft.revision : 0 });
      toast(this.toasts, t('publishedToast', { n: res.version }), 'ok');
      await this.open(item.kind, item.name);
    } catch (err) {
      if (err.status === 409) this.showConflict(err.body); else this.error(err);
    }
  }

  async discard() {
    const item = this.item;
    const t = this.t;
    const ok = await modal(t, { title: t('discardTitle'), confirm: t('discard'), testid: 'discard-dialog', danger: true, body: { nodes: [h('p', { class: 'ac-dialog-text', text: t('discardBody') })], value: () => ({}) } });
    if (!ok) return;
    try {
      await this.api.request('DELETE', path(item.kind, item.name, `/draft${item.draft ? `?expectedRevision=${item.draft.revision}` : ''}`));
      toast(this.toasts, t('discarded'), 'ok');
      item.draft = null;
      await this.open(item.kind, item.name);
    } catch (err) { this.error(err); }
  }

  async rollback(version) {
    const item = this.item;
    const t = this.t;
    const reason = h('input', { class: 'ac-text', type: 'text', maxlength: 500, 'data-testid': 'rollback-message' });
    const body = await modal(t, {
      title: t('rollbackTitle', { n: version }), confirm: t('rollback'), testid: 'rollback-dialog', danger: true,
      body: { nodes: [h('p', { class: 'ac-dialog-text', text: t('rollbackBody', { n: version }) }), field(t('rollbackMessage'), reason)], value: () => ({ version, ...(reason.value.trim() ? { message: reason.value.trim() } : {}) }) },
    });
    if (!body) return;
    try {
      const res = await this.api.post(path(item.kind, item.name, '/rollback'), body);
      toast(this.toasts, t('rolledBack', { n: res.version }), 'ok');
      await this.open(item.kind, item.name);
    } catch (err) { this.error(err); }
  }

  async loadAudit(host) {
    const data = await this.api.get('/api/admin/audit?limit=200').catch((err) => { this.error(err); return null; });
    renderAudit(host, { t: this.t, lang: this.lang, who: (a) => this.who(a), items: (data && data.items) || [] });
  }
}

const app = new AdminApp(document.getElementById('app'));
void app.boot();
