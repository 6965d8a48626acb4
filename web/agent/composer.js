/*
 * The reply box: reply or internal note, `/shortcut` canned replies, typing signals, a counter.
 * It lives for the whole session; switching conversations keeps one draft per conversation.
 */
import { h, icon } from './dom.js';

export const MAX_TEXT = 4000;

export class Composer {
  /** actions: { send(mode, text) -> Promise<boolean>, typing(), canned() -> CannedReply[], language() -> 'en'|'zh' } */
  constructor(actions) {
    this.actions = actions;
    this.t = (k) => k;
    this.mode = 'reply';
    this.drafts = new Map();
    this.conversationId = null;
    this.matches = [];
    this.active = 0;
    this.build();
  }

  build() {
    this.replyTab = h('button', { type: 'button', class: 'ac-ctab', 'data-testid': 'mode-reply', role: 'tab', onclick: () => this.setMode('reply') });
    this.noteTab = h('button', { type: 'button', class: 'ac-ctab ac-ctab-note', 'data-testid': 'mode-note', role: 'tab', onclick: () => this.setMode('note') });
    this.warning = h('span', { class: 'ac-note-warning', 'data-testid': 'note-warning' });
    this.menu = h('div', { class: 'ac-canned', 'data-testid': 'canned-menu', role: 'listbox', hidden: true });
    this.input = h('textarea', { class: 'ac-input', 'data-testid': 'composer', rows: 3, maxlength: MAX_TEXT, autocomplete: 'off' });
    this.counter = h('span', { class: 'ac-counter' });
    this.hint = h('span', { class: 'ac-hint' });
    this.sendLabel = h('span');
    this.sendBtn = h('button', { type: 'submit', class: 'ac-btn ac-btn-primary ac-send', 'data-testid': 'send' }, [icon('send'), this.sendLabel]);
    this.locked = h('div', { class: 'ac-locked', 'data-testid': 'composer-locked', hidden: true });
    this.form = h('form', { class: 'ac-composer', 'data-mode': 'reply', novalidate: true }, [
      h('div', { class: 'ac-ctabs', role: 'tablist' }, [this.replyTab, this.noteTab, this.warning]),
      this.menu,
      h('div', { class: 'ac-input-wrap' }, [this.input]),
      h('div', { class: 'ac-cfoot' }, [this.hint, h('span', { class: 'ac-spacer' }), this.counter, this.sendBtn]),
    ]);
    this.el = h('div', { class: 'ac-composer-area' }, [this.locked, this.form]);

    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('blur', () => setTimeout(() => this.closeMenu(), 150));
    this.form.addEventListener('submit', (e) => { e.preventDefault(); void this.submit(); });
  }

  setLanguage(t) {
    this.t = t;
    this.replyTab.textContent = t('reply');
    this.noteTab.replaceChildren(icon('lock'), document.createTextNode(t('internalNote')));
    this.warning.textContent = t('noteWarning');
    this.hint.textContent = t('composerHint');
    this.setMode(this.mode);
  }

  /** Which conversation the box writes to, and whether replies are allowed (notes may be). */
  bind(conversationId, { canReply, canNote, lockedText }) {
    if (this.conversationId) this.drafts.set(this.conversationId, this.input.value);
    if (conversationId !== this.conversationId) {
      this.input.value = this.drafts.get(conversationId) || '';
      this.conversationId = conversationId;
    }
    const gainedReply = canReply && !this.canReply;
    this.canReply = canReply;
    this.canNote = canNote;
    this.el.hidden = !conversationId;
    this.locked.hidden = canReply || !lockedText;
    this.locked.textContent = lockedText || '';
    this.replyTab.disabled = !canReply;
    this.form.hidden = !canReply && !canNote;
    if (gainedReply && this.mode === 'note') this.setMode('reply');
    else if (!canReply && this.mode === 'reply') this.setMode('note');
    else if (canReply && !canNote && this.mode === 'note') this.setMode('reply');
    else this.refresh();
  }

  setMode(mode) {
    this.mode = mode;
    this.form.setAttribute('data-mode', mode);
    this.replyTab.setAttribute('aria-selected', String(mode === 'reply'));
    this.noteTab.setAttribute('aria-selected', String(mode === 'note'));
    this.warning.hidden = mode !== 'note';
    this.input.placeholder = this.t(mode === 'note' ? 'notePlaceholder' : 'replyPlaceholder');
    this.sendLabel.textContent = this.t(mode === 'note' ? 'addNote' : 'send');
    this.closeMenu();
    this.refresh();
  }

  refresh() {
    const n = this.input.value.length;
    this.counter.textContent = n ? `${n} / ${MAX_TEXT}` : '';
    this.counter.classList.toggle('ac-near', n > MAX_TEXT * 0.9);
    this.sendBtn.disabled = !this.input.value.trim() || (this.mode === 'reply' ? !this.canReply : !this.canNote);
  }

  onInput() {
    this.refresh();
    this.updateMenu();
    if (this.mode === 'reply' && this.canReply && this.input.value.trim()) this.actions.typing();
  }

  onKey(e) {
    if (e.isComposing || e.keyCode === 229) return; // IME candidate selection
    if (!this.menu.hidden && this.matches.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        this.active = (this.active + (e.key === 'ArrowDown' ? 1 : this.matches.length - 1)) % this.matches.length;
        this.renderMenu();
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); this.expand(this.matches[this.active]); return; }
      if (e.key === 'Escape') { e.preventDefault(); this.closeMenu(); return; }
    }
    if (e.key === ' ' && this.expandExact()) { e.preventDefault(); return; }
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); void this.submit(); }
  }

  /** The `/word` being typed at the caret, if any. */
  token() {
    const upto = this.input.value.slice(0, this.input.selectionStart);
    const m = /(^|\s)\/([a-z0-9_-]*)$/i.exec(upto);
    return m ? { query: m[2].toLowerCase(), start: upto.length - m[2].length - 1, end: upto.length } : null;
  }

  updateMenu() {
    const tok = this.mode === 'reply' ? this.token() : null;
    if (!tok) { this.closeMenu(); return; }
    this.matches = this.actions.canned().filter((c) => c.shortcut.startsWith(tok.query)).slice(0, 8);
    this.active = 0;
    this.query = tok.query;
    this.menu.hidden = false;
    this.renderMenu();
  }

  renderMenu() {
    const lang = this.actions.language();
    const items = this.matches.map((c, i) => h('div', {
      class: `ac-canned-item${i === this.active ? ' ac-active' : ''}`, role: 'option', 'data-testid': 'canned-item',
      'aria-selected': String(i === this.active), 'data-shortcut': c.shortcut,
      onmousedown: (e) => { e.preventDefault(); this.expand(c); },
    }, [h('span', { class: 'ac-canned-key', text: `/${c.shortcut}` }), h('span', { class: 'ac-canned-text', text: cannedText(c, lang) })]));
    this.menu.replaceChildren(
      h('div', { class: 'ac-canned-title', text: this.t('cannedTitle') }),
      ...(items.length ? items : [h('div', { class: 'ac-canned-none', text: this.t('cannedNone').replace('{q}', this.query || '') })]),
    );
  }

  closeMenu() { this.menu.hidden = true; this.matches = []; }

  expandExact() {
    const tok = this.mode === 'reply' ? this.token() : null;
    const hit = tok && this.actions.canned().find((c) => c.shortcut === tok.query);
    if (!hit) return false;
    this.expand(hit);
    return true;
  }

  /** Replaces the `/shortcut` at the caret with the reply in the conversation's language. */
  expand(canned) {
    const tok = this.token();
    if (!tok || !canned) return;
    const text = cannedText(canned, this.actions.language());
    const v = this.input.value;
    this.input.value = v.slice(0, tok.start) + text + v.slice(tok.end);
    const caret = tok.start + text.length;
    this.input.setSelectionRange(caret, caret);
    this.closeMenu();
    this.refresh();
    this.actions.typing();
  }

  async submit() {
    const text = this.input.value.trim();
    if (!text || this.sendBtn.disabled) return;
    this.sendBtn.disabled = true;
    const ok = await this.actions.send(this.mode, text);
    if (ok) {
      this.input.value = '';
      this.drafts.delete(this.conversationId);
    }
    this.refresh();
    this.input.focus();
  }

  focus() { this.input.focus(); }
}

/** A canned reply's text in `lang`, falling back to the other language. */
export function cannedText(canned, lang) {
  const texts = canned.texts || {};
  return texts[lang] || texts.en || texts.zh || '';
}
