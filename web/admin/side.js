/*
 * The right column: preview chat, versions (view, diff, rollback) and golden runs of the open item.
 */
import { h } from '../agent/dom.js';
import { renderPreview, renderGolden } from './preview.js';
import { renderVersions, renderSource, renderDiff } from './versions.js';

const TABS = ['preview', 'versions', 'golden'];
let lastTab = 'preview';

/** Renders the side panel for the console `app` and its open `item`. */
export function renderSide(root, { t, lang, app, item }) {
  const body = h('div', { class: 'ad-side-body' });
  const tabs = h('div', { class: 'ac-seg ac-seg-full ad-side-tabs', role: 'tablist' }, TABS.map((id) => h('button', {
    type: 'button', class: 'ac-seg-btn', role: 'tab', 'data-testid': `side-${id}`, 'aria-pressed': String(lastTab === id),
    text: t(`tab${id[0].toUpperCase()}${id.slice(1)}`), onclick: () => select(id),
  })));
  const draftBody = () => ({ kind: item.kind, name: item.name, source: app.pane.text });
  const select = (id) => {
    lastTab = id;
    for (const b of tabs.children) b.setAttribute('aria-pressed', String(b.dataset.testid === `side-${id}`));
    if (id === 'preview') {
      renderPreview(body, {
        t, onError: (err) => app.error(err),
        start: () => app.api.post('/api/admin/preview', draftBody()).then((r) => r.previewId),
        send: (id2, msg) => app.api.post(`/api/admin/preview/${encodeURIComponent(id2)}/messages`, msg),
      });
    }
    if (id === 'versions') void versions();
    if (id === 'golden') void golden();
  };
  const versions = async () => {
    const data = await app.api.get(app.itemPath('/versions')).catch((err) => { app.error(err); return null; });
    if (!data) return;
    renderVersions(body, {
      t, lang, who: (a) => app.who(a), items: data.items || [], hasDraft: !!item.draft,
      actions: {
        view: (v) => app.api.get(app.itemPath(`/versions/${v}`)).then((r) => renderSource(t, r.version || r), (err) => errorNode(err)),
        diff: (from, to) => app.api.get(app.itemPath(`/diff?from=${from}&to=${to}`)).then((r) => renderDiff(t, r.diff), (err) => errorNode(err)),
        rollback: (v) => app.rollback(v),
      },
    });
  };
  const golden = async () => {
    const q = `?kind=${item.kind}&name=${encodeURIComponent(item.name)}`;
    const data = await app.api.get(`/api/admin/golden${q}`).catch((err) => { app.error(err); return null; });
    if (!data) return;
    renderGolden(body, {
      t, files: data.items || [],
      run: (files, useDraft) => app.api.post('/api/admin/golden', { kind: item.kind, name: item.name, files, ...(useDraft ? { source: app.pane.text } : {}) }).catch((err) => { app.error(err); throw err; }),
    });
  };
  const errorNode = (err) => h('p', { class: 'ad-error', text: err.message || String(err.code) });
  root.replaceChildren(tabs, body);
  select(lastTab);
  return { refresh: () => select(lastTab) };
}
