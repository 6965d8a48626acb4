/*
 * The preview chat (the draft through the real pipeline, with a trace per turn: step, intent,
 * emotion and why) and the golden runs panel (pass/fail per turn).
 */
import { h, emotionChip } from '../agent/dom.js';

/**
 * The preview pane. `start()` resolves to a preview id for the current editor text; `send(id,
 * body)` to `{replies, trace}`. Returns `{reset()}` so the console can drop a stale preview.
 */
export function renderPreview(root, { t, start, send, onError }) {
  let previewId = null;
  const log = h('div', { class: 'ad-chat', 'data-testid': 'preview-log', 'aria-live': 'polite' });
  const input = h('input', { class: 'ac-text', type: 'text', maxlength: 2000, placeholder: t('previewPlaceholder'), 'data-testid': 'preview-input', disabled: true });
  const sendBtn = h('button', { type: 'submit', class: 'ac-btn ac-btn-primary', 'data-testid': 'preview-send', text: t('send'), disabled: true });
  const startBtn = h('button', { type: 'button', class: 'ac-btn', 'data-testid': 'preview-start', text: t('previewStart') });
  const form = h('form', { class: 'ad-chat-form' }, [input, sendBtn]);

  const bubble = (from, text, testid) => h('div', { class: `ad-bubble ad-bubble-${from}`, 'data-testid': testid, 'data-from': from, text });
  const turn = async (body, shown) => {
    if (!previewId) return;
    log.append(bubble('customer', shown, 'preview-customer'));
    input.disabled = sendBtn.disabled = true;
    try {
      const result = await send(previewId, body);
      for (const [i, r] of result.replies.entries()) {
        log.append(bubble('bot', r.text, 'preview-reply'));
        if (i === result.replies.length - 1 && r.quickReplies) log.append(quickReplies(r.quickReplies));
      }
      log.append(traceCard(t, result.trace));
    } catch (err) {
      if (err.code === 'not_found') { previewId = null; startBtn.textContent = t('previewStart'); log.append(h('p', { class: 'ad-error', text: t('previewExpired') })); }
      else onError(err);
    } finally {
      input.disabled = sendBtn.disabled = !previewId;
      input.focus();
      log.scrollTop = log.scrollHeight;
    }
  };
  const quickReplies = (items) => h('div', { class: 'ad-quick', 'data-testid': 'preview-quick' }, items.map((q) => h('button', {
    type: 'button', class: 'ac-btn ac-btn-xs', 'data-testid': 'preview-quick-reply', 'data-value': q.value, text: q.label,
    onclick: (e) => { e.currentTarget.parentElement.remove(); void turn({ value: q.value }, q.label); },
  })));

  startBtn.addEventListener('click', async () => {
    startBtn.disabled = true;
    try {
      previewId = await start();
      log.replaceChildren();
      startBtn.textContent = t('previewRestart');
      input.disabled = sendBtn.disabled = false;
      input.focus();
    } catch (err) { onError(err); } finally { startBtn.disabled = false; }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    void turn({ text }, text);
  });
  root.replaceChildren(h('section', { class: 'ad-preview', 'data-testid': 'preview' }, [
    h('div', { class: 'ad-panel-head' }, [h('h3', { class: 'ad-form-h', text: t('previewTitle') }), startBtn]),
    h('p', { class: 'ac-muted ac-small', text: t('previewSub') }),
    log, form,
  ]));
}

function traceCard(t, trace) {
  return h('div', { class: 'ad-trace', 'data-testid': 'preview-trace', 'data-step': trace.step || '' }, [
    h('div', { class: 'ad-trace-row' }, [
      h('span', { class: 'ad-chip', 'data-testid': 'trace-step', text: `${t('step')}: ${trace.script || '—'} / ${trace.step || '—'}` }),
      h('span', { class: 'ad-chip', 'data-testid': 'trace-intent', text: `${t('intent')}: ${trace.intent.name} ${Math.round(trace.intent.confidence * 100)}%` }),
      emotionChip(t, trace.emotion),
      trace.status && trace.status !== 'bot' ? h('span', { class: 'ad-chip ad-chip-warn', text: `${t('status')}: ${trace.status}` }) : null,
    ]),
    h('ul', { class: 'ad-why', 'data-testid': 'trace-why', 'aria-label': t('why') }, trace.why.map((w) => h('li', { text: w }))),
  ]);
}

/** The golden panel: pick files, run them against the draft or the published version. */
export function renderGolden(root, { t, files, run }) {
  if (!files.length) {
    root.replaceChildren(h('p', { class: 'ac-muted', 'data-testid': 'golden-none', text: t('goldenNone') }));
    return;
  }
  const boxes = files.map((f, i) => h('input', { type: 'checkbox', value: f.file, checked: i === 0, 'data-testid': 'golden-file' }));
  const results = h('div', { class: 'ad-golden-results', 'data-testid': 'golden-results' });
  const go = async (useDraft) => {
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!chosen.length) return;
    results.replaceChildren(h('p', { class: 'ac-muted', 'data-testid': 'golden-running', text: t('goldenRunning') }));
    const outcome = await run(chosen, useDraft).catch(() => null);
    if (outcome) results.replaceChildren(...goldenResults(t, outcome));
    else results.replaceChildren();
  };
  root.replaceChildren(h('section', { class: 'ad-golden', 'data-testid': 'golden' }, [
    h('h3', { class: 'ad-form-h', text: t('goldenTitle') }),
    h('p', { class: 'ac-muted ac-small', text: t('goldenSub') }),
    h('ul', { class: 'ad-golden-files' }, files.map((f, i) => h('li', {}, [h('label', { class: 'ac-radio' }, [boxes[i], h('span', { class: 'ac-mono', text: f.file }), h('span', { class: 'ac-muted ac-small', text: f.name })])]))),
    h('div', { class: 'ad-row' }, [
      h('button', { type: 'button', class: 'ac-btn ac-btn-primary ac-btn-xs', 'data-testid': 'golden-run', text: t('goldenRun'), onclick: () => go(true) }),
      h('button', { type: 'button', class: 'ac-btn ac-btn-xs', 'data-testid': 'golden-run-published', text: t('goldenRunPublished'), onclick: () => go(false) }),
    ]),
    results,
  ]));
}

function goldenResults(t, outcome) {
  const passed = outcome.results.filter((r) => r.passed).length;
  return [
    h('p', { class: `ad-golden-summary ${outcome.passed ? 'ad-ok' : 'ad-error'}`, 'data-testid': 'golden-summary', text: t('goldenSummary', { passed, total: outcome.results.length }) }),
    ...outcome.results.map((r) => h('details', { class: 'ad-golden-file', 'data-testid': 'golden-result', 'data-passed': String(r.passed), open: !r.passed }, [
      h('summary', {}, [h('span', { class: `ad-badge ${r.passed ? 'ad-badge-ok' : 'ad-badge-fail'}`, text: r.passed ? t('pass') : t('fail') }), h('span', { class: 'ac-mono', text: ` ${r.file}` })]),
      h('ol', { class: 'ad-golden-turns' }, r.turns.map((turn) => h('li', { class: turn.problems.length ? 'ad-error' : 'ad-ok', 'data-testid': 'golden-turn', 'data-passed': String(!turn.problems.length) }, [
        h('span', { text: `${turn.problems.length ? '✗' : '✓'} ${turn.label}` }),
        ...turn.problems.map((p) => h('div', { class: 'ac-small', text: p })),
      ]))),
      ...r.problems.map((p) => h('div', { class: 'ad-error ac-small', text: `✗ ${p}` })),
    ])),
  ];
}
