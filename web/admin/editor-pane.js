/*
 * The centre of the console: one script or intent with its toolbar (save draft, publish,
 * discard), the YAML editor with lint markers as you type, the form view, the conflict notice
 * and, for intents, the "test this sentence" box.
 */
import { h, dateTime } from '../agent/dom.js';
import { createEditor } from './build/editor.js';
import { renderForm } from './form.js';
import { renderDiff } from './versions.js';

/**
 * Renders the pane for `item` (`GET /api/admin/content/:kind/:name`). `ops`: `lint(text)`,
 * `save()`, `publish()`, `discard()`, `understand(text)`, `changed(text)`. Returns the handle the
 * console uses: `text`, `setText`, `status(state)`, `conflict(body)`, `destroy()`.
 */
export function renderEditorPane(root, { t, lang, who, item, text, view, capabilities, ops }) {
  const title = h('div', { class: 'ad-item-title' }, [
    h('span', { class: 'ad-kind', text: item.kind === 'script' ? t('scripts') : t('intents') }),
    h('h2', { class: 'ad-h2 ac-mono', 'data-testid': 'item-name', text: item.name }),
    h('span', { class: 'ad-badge', 'data-testid': 'item-version', text: item.published ? t('published', { n: item.published.version }) : t('notPublished') }),
  ]);
  const saveBtn = h('button', { type: 'button', class: 'ac-btn', 'data-testid': 'save-draft', text: t('save'), onclick: ops.save });
  const publishBtn = h('button', { type: 'button', class: 'ac-btn ac-btn-primary', 'data-testid': 'publish', text: t('publish'), onclick: ops.publish });
  const discardBtn = h('button', { type: 'button', class: 'ac-btn ac-btn-ghost', 'data-testid': 'discard', text: t('discard'), onclick: ops.discard });
  const seg = h('div', { class: 'ac-seg', role: 'group' }, ['yaml', 'form'].map((v) => h('button', {
    type: 'button', class: 'ac-seg-btn', 'data-testid': `view-${v}`, 'aria-pressed': String(view === v), text: t(v === 'yaml' ? 'viewYaml' : 'viewForm'), onclick: () => show(v),
  })));
  const state = h('span', { class: 'ad-state ac-small', 'data-testid': 'draft-state', role: 'status' });
  const problems = h('span', { class: 'ad-problems ac-small', 'data-testid': 'problems' });
  const conflictBox = h('div', { class: 'ad-conflict', 'data-testid': 'conflict', role: 'alert', hidden: true });
  const editorHost = h('div', { class: 'ad-editor', 'data-testid': 'editor' });
  const formHost = h('div', { class: 'ad-form-host', hidden: true });
  let current = text;
  let currentView = view;

  const editor = createEditor(editorHost, {
    doc: text, label: `${item.kind} ${item.name}`,
    onChange: (next) => { current = next; ops.changed(next); },
    lint: async (source) => {
      const diagnostics = await ops.lint(source).catch(() => []);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      problems.textContent = diagnostics.length ? t('problems', { errors, warnings: diagnostics.length - errors }) : t('noProblems');
      problems.dataset.errors = String(errors);
      return diagnostics;
    },
  });

  const testBox = item.kind === 'intent' ? sentenceBox(t, ops.understand) : null;
  function show(v) {
    currentView = v;
    for (const b of seg.children) b.setAttribute('aria-pressed', String(b.dataset.testid === `view-${v}`));
    editorHost.hidden = v !== 'yaml';
    formHost.hidden = v !== 'form';
    if (v === 'form') renderForm(formHost, { t, kind: item.kind, text: current, capabilities, onText: (next) => { current = next; editor.setText(next); } });
    ops.viewChanged?.(v);
  }

  root.replaceChildren(h('div', { class: 'ad-pane' }, [
    h('div', { class: 'ad-toolbar' }, [title, h('span', { class: 'ac-spacer' }), seg, saveBtn, publishBtn, discardBtn]),
    h('div', { class: 'ad-statusbar' }, [state, problems]),
    conflictBox, editorHost, formHost, testBox,
  ]));
  show(view);

  return {
    get text() { return current; },
    get view() { return currentView; },
    setText(next) { current = next; editor.setText(next); if (currentView === 'form') show('form'); },
    status({ dirty, draft }) {
      state.textContent = dirty ? t('unsaved') : draft ? `${t('upToDate')} · ${t('draftBy', { rev: draft.revision, author: who(draft.author), at: dateTime(lang, draft.updatedAt) })}` : t('noDraft');
      state.dataset.dirty = String(!!dirty);
      discardBtn.disabled = !draft;
      publishBtn.disabled = !draft && !dirty;
    },
    busy(on) { saveBtn.disabled = publishBtn.disabled = on; },
    conflict(body, onLoadTheirs, onKeepMine) {
      if (!body) { conflictBox.hidden = true; conflictBox.replaceChildren(); return; }
      const c = body.current || {};
      conflictBox.hidden = false;
      conflictBox.replaceChildren(
        h('h3', { class: 'ad-form-h', text: t('conflictTitle') }),
        h('p', { 'data-testid': 'conflict-message', text: body.message || '' }),
        h('p', { class: 'ac-small', text: t('conflictBody', { author: c.author ? who(c.author) : '?', rev: c.revision ?? '?', at: c.updatedAt ? dateTime(lang, c.updatedAt) : '?' }) }),
        renderDiff(t, body.diff),
        h('div', { class: 'ad-row' }, [
          h('button', { type: 'button', class: 'ac-btn ac-btn-xs', 'data-testid': 'conflict-load-theirs', text: t('loadTheirs'), onclick: onLoadTheirs }),
          h('button', { type: 'button', class: 'ac-btn ac-btn-xs ac-btn-primary', 'data-testid': 'conflict-keep-mine', text: t('keepMine'), onclick: onKeepMine }),
        ]),
      );
    },
    destroy() { editor.destroy(); },
  };
}

/** "Test this sentence": intent, confidence and emotion of a text (with the draft in place). */
function sentenceBox(t, understand) {
  const input = h('input', { class: 'ac-text', type: 'text', maxlength: 2000, placeholder: t('testSentencePlaceholder'), 'data-testid': 'test-sentence' });
  const out = h('div', { class: 'ad-test-out', 'data-testid': 'test-result', 'aria-live': 'polite' });
  const go = async () => {
    const text = input.value.trim();
    if (!text) return;
    const a = await understand(text).catch(() => null);
    if (!a) return;
    out.replaceChildren(
      h('span', { class: 'ad-chip', 'data-testid': 'test-intent', 'data-intent': a.intent.name, text: `${t('intent')}: ${a.intent.name}${a.intent.outOfScope ? ` (${t('outOfScope')})` : ''}` }),
      h('span', { class: 'ad-chip', 'data-testid': 'test-confidence', text: `${t('confidence')}: ${Math.round(a.intent.confidence * 100)}%` }),
      h('span', { class: 'ad-chip', 'data-testid': 'test-emotion', 'data-label': a.emotion.label, text: `${t('emotion')}: ${t(`emo_${a.emotion.label}`)} ${Math.round(a.emotion.intensity * 100)}%` }),
      a.emotion.cues.length ? h('span', { class: 'ac-muted ac-small', text: `${t('cues')}: ${a.emotion.cues.map((c) => c.text).join(', ')}` }) : null,
    );
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); void go(); } });
  return h('section', { class: 'ad-form-section ad-test', 'data-testid': 'sentence-box' }, [
    h('h3', { class: 'ad-form-h', text: `${t('testSentence')} · ${t('withDraft')}` }),
    h('div', { class: 'ad-add-row' }, [input, h('button', { type: 'button', class: 'ac-btn ac-btn-xs', 'data-testid': 'test-sentence-go', text: t('test'), onclick: go })]),
    out,
  ]);
}
