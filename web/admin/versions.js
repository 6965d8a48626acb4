/*
 * Versions, diffs and the audit log: the version list of one item with view / compare /
 * rollback, a readable unified diff, and the read-only audit table.
 */
import { h, dateTime } from '../agent/dom.js';

/** A unified diff as coloured lines (text only, never HTML). */
export function renderDiff(t, diff) {
  const lines = String(diff || '').split('\n').filter((l, i, all) => !(i === all.length - 1 && l === ''));
  const body = lines.filter((l) => !/^(Index:|={3,}|---|\+\+\+)/.test(l));
  if (!body.some((l) => /^[+-]/.test(l))) return h('p', { class: 'ac-muted', 'data-testid': 'diff-empty', text: t('noChanges') });
  return h('pre', { class: 'ad-diff', 'data-testid': 'diff' }, body.map((line) => {
    const kind = line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('\\') ? 'note' : 'ctx';
    return h('span', { class: `ad-diff-line ad-diff-${kind}`, 'data-kind': kind, text: `${line}\n` });
  }));
}

/**
 * The versions panel. `actions`: `view(version)`, `diff(from, to)` (to: number or 'draft'),
 * `rollback(version)`; each returns a promise.
 */
export function renderVersions(root, { t, lang, who, items, hasDraft, actions }) {
  if (!items.length) {
    root.replaceChildren(h('p', { class: 'ac-muted', 'data-testid': 'versions-empty', text: t('noVersions') }));
    return;
  }
  const options = (withDraft) => [
    ...(withDraft && hasDraft ? [h('option', { value: 'draft', text: t('draft') })] : []),
    ...items.map((v) => h('option', { value: String(v.version), text: `v${v.version}` })),
  ];
  const from = h('select', { class: 'ac-select', 'data-testid': 'diff-from', 'aria-label': t('from') }, options(false));
  const to = h('select', { class: 'ac-select', 'data-testid': 'diff-to', 'aria-label': t('to') }, options(true));
  if (items[1]) from.value = String(items[1].version);
  const output = h('div', { class: 'ad-version-output', 'data-testid': 'version-output' });
  const show = async (promise) => { output.replaceChildren(await promise); };
  const list = h('ol', { class: 'ad-versions', 'data-testid': 'versions' }, items.map((v, i) => h('li', { class: 'ad-version', 'data-testid': 'version', 'data-version': String(v.version) }, [
    h('div', { class: 'ad-version-head' }, [
      h('span', { class: 'ad-version-n', text: `v${v.version}` }),
      h('span', { class: 'ac-muted ac-small', text: `${who(v.author)} · ${dateTime(lang, v.at)}` }),
      i === 0 ? h('span', { class: 'ad-badge ad-badge-live', text: 'live' }) : null,
    ]),
    h('div', { class: 'ad-version-msg', text: v.message || '—' }),
    h('div', { class: 'ad-version-actions' }, [
      h('button', { type: 'button', class: 'ac-btn ac-btn-xs', 'data-testid': 'version-view', text: t('view'), onclick: () => show(actions.view(v.version)) }),
      i > 0 ? h('button', { type: 'button', class: 'ac-btn ac-btn-xs', 'data-testid': 'version-diff', text: t('diffWith'), onclick: () => { from.value = String(v.version); to.value = String(items[0].version); void show(actions.diff(v.version, items[0].version)); } }) : null,
      i > 0 ? h('button', { type: 'button', class: 'ac-btn ac-btn-xs ac-btn-danger', 'data-testid': 'version-rollback', text: t('rollback'), onclick: () => actions.rollback(v.version) }) : null,
    ]),
  ])));
  const compare = h('div', { class: 'ad-compare' }, [
    h('label', { class: 'ad-inline-field' }, [h('span', { text: t('from') }), from]),
    h('label', { class: 'ad-inline-field' }, [h('span', { text: t('to') }), to]),
    h('button', { type: 'button', class: 'ac-btn ac-btn-xs', 'data-testid': 'diff-show', text: t('showDiff'), onclick: () => show(actions.diff(Number(from.value), to.value === 'draft' ? 'draft' : Number(to.value))) }),
  ]);
  root.replaceChildren(list, compare, output);
}

/** The source of one version, read-only. */
export function renderSource(t, version) {
  return h('div', {}, [
    h('div', { class: 'ac-strong', text: `${t('versionSource', { n: version.version })} · ${version.message || ''}` }),
    h('pre', { class: 'ad-source', 'data-testid': 'version-source', text: version.source }),
  ]);
}

/** The audit log, newest first. */
export function renderAudit(root, { t, lang, who, items }) {
  root.replaceChildren(h('section', { class: 'ad-audit', 'data-testid': 'audit' }, [
    h('h2', { class: 'ad-h2', text: t('auditTitle') }),
    h('p', { class: 'ac-muted', text: t('auditSub') }),
    items.length ? h('table', { class: 'ad-table' }, [
      h('thead', {}, [h('tr', {}, ['at', 'actor', 'action', 'target', 'details'].map((k) => h('th', { text: t(k) })))]),
      h('tbody', {}, items.map((e) => h('tr', { 'data-testid': 'audit-row' }, [
        h('td', { text: dateTime(lang, e.at) }), h('td', { text: who(e.actor) }), h('td', { class: 'ac-mono', text: e.action || '' }),
        h('td', { text: e.target || '' }), h('td', { class: 'ac-small', text: e.data ? JSON.stringify(e.data) : '' }),
      ]))),
    ]) : h('p', { class: 'ac-muted', text: t('auditEmpty') }),
  ]));
}
