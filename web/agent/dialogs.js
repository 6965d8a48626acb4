/*
 * Modal dialogs for transfer, resolve and close. Each resolves with the request body to send,
 * or null when cancelled.
 */
import { h } from './dom.js';

/** A modal form; resolves with `body.value()` on confirm (undefined keeps it open), null on cancel. */
export function modal(t, { title, body, confirm, testid, danger }) {
  return new Promise((resolve) => {
    const confirmBtn = h('button', { type: 'submit', class: `ac-btn ${danger ? 'ac-btn-danger' : 'ac-btn-primary'}`, 'data-testid': 'dialog-confirm', text: confirm });
    const cancelBtn = h('button', { type: 'button', class: 'ac-btn ac-btn-ghost', 'data-testid': 'dialog-cancel', text: t('cancel') });
    const form = h('form', { method: 'dialog', class: 'ac-dialog-form' }, [
      h('h2', { class: 'ac-dialog-title', text: title }),
      ...body.nodes,
      h('div', { class: 'ac-dialog-actions' }, [cancelBtn, confirmBtn]),
    ]);
    const dialog = h('dialog', { class: 'ac-dialog', 'data-testid': testid }, [form]);
    let result = null;
    cancelBtn.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = body.value();
      if (value === undefined) return; // invalid: keep the dialog open
      result = value;
      dialog.close();
    });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    const first = dialog.querySelector('input, select, textarea');
    if (first) first.focus();
  });
}

export function field(label, control) {
  return h('label', { class: 'ac-field' }, [h('span', { class: 'ac-field-label', text: label }), control]);
}

/** Transfer to an agent (with load and presence) or to a team / the queue, with a note. */
export function transferDialog(t, agents, selfId) {
  const others = agents.filter((a) => a.id !== selfId && !a.disabled);
  const toAgent = h('input', { type: 'radio', name: 'target', value: 'agent', checked: others.length > 0 });
  const toTeam = h('input', { type: 'radio', name: 'target', value: 'team', checked: others.length === 0 });
  const select = h('select', { class: 'ac-select', 'data-testid': 'transfer-agent' }, [
    h('option', { value: '', text: others.length ? t('pickAgent') : t('noAgents') }),
    ...others.map((a) => h('option', {
      value: a.id, text: `${a.name} — ${t(a.presence)} · ${t('agentLoad', { active: a.activeChats, max: a.maxChats })}${a.languages && a.languages.length ? ` · ${a.languages.join('/')}` : ''}`,
    })),
  ]);
  const teams = [...new Set(agents.flatMap((a) => a.teams || []))];
  const team = h('input', { class: 'ac-text', type: 'text', list: 'ac-teams', 'data-testid': 'transfer-team', placeholder: t('teamPlaceholder'), maxlength: 64 });
  const datalist = h('datalist', { id: 'ac-teams' }, teams.map((x) => h('option', { value: x })));
  const note = h('textarea', { class: 'ac-text', rows: 3, maxlength: 4000, 'data-testid': 'transfer-note' });
  select.addEventListener('change', () => { toAgent.checked = true; });
  team.addEventListener('input', () => { toTeam.checked = true; });
  return modal(t, {
    title: t('transferTitle'), confirm: t('transfer'), testid: 'transfer-dialog',
    body: {
      nodes: [
        h('fieldset', { class: 'ac-fieldset' }, [
          h('legend', { class: 'ac-field-label', text: t('transferTo') }),
          h('label', { class: 'ac-radio' }, [toAgent, h('span', { text: t('toAgent') })]), select,
          h('label', { class: 'ac-radio' }, [toTeam, h('span', { text: t('toTeam') })]), team, datalist,
        ]),
        field(t('transferNote'), note),
      ],
      value() {
        const body = {};
        if (toAgent.checked) {
          if (!select.value) { select.focus(); return undefined; }
          body.agentId = select.value;
        } else if (team.value.trim()) body.team = team.value.trim();
        if (note.value.trim()) body.note = note.value.trim();
        return body;
      },
    },
  });
}

export function resolveDialog(t) {
  const note = h('textarea', { class: 'ac-text', rows: 3, maxlength: 4000, 'data-testid': 'resolve-note' });
  return modal(t, {
    title: t('resolveTitle'), confirm: t('resolve'), testid: 'resolve-dialog',
    body: {
      nodes: [h('p', { class: 'ac-dialog-text', text: t('resolveBody') }), field(t('resolveNote'), note)],
      value: () => (note.value.trim() ? { note: note.value.trim() } : {}),
    },
  });
}

export function closeDialog(t) {
  const reason = h('input', { class: 'ac-text', type: 'text', maxlength: 500, 'data-testid': 'close-reason' });
  return modal(t, {
    title: t('closeTitle'), confirm: t('close'), testid: 'close-dialog', danger: true,
    body: {
      nodes: [h('p', { class: 'ac-dialog-text', text: t('closeBody') }), field(t('closeReason'), reason)],
      value: () => (reason.value.trim() ? { reason: reason.value.trim() } : {}),
    },
  });
}
