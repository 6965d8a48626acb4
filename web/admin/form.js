/*
 * The form view: the common edits without YAML. It edits the YAML source in place through
 * `YamlEdit` (comments and layout stay), and hands the new text to `onText`.
 * Scripts: replies per step and language, escalation thresholds, follow-up delay. Intents:
 * description and examples per language.
 */
import { h } from '../agent/dom.js';
import { isMap, isSeq } from './build/editor.js';
import { YamlEdit } from './yaml-edit.js';

const ESCALATION = [
  ['enabled', 'bool'], ['intensity_at_least', 'ratio'], ['anger_streak', 'int'], ['not_understood', 'int'],
  ['rejections', 'int'], ['repeat_complaint_days', 'num'], ['threats', 'bool'], ['vip', 'bool'],
];
const LANGS = ['en', 'zh'];

/** Renders the form for `text` into `root`; `onText(newText)` after each edit. */
export function renderForm(root, { t, kind, text, onText, capabilities }) {
  const doc = new YamlEdit(text);
  if (!doc.ok) {
    root.replaceChildren(h('p', { class: 'ad-form-broken', 'data-testid': 'form-broken', text: t('formBroken') }));
    return;
  }
  const commit = () => onText(doc.text);
  const body = kind === 'intent' ? intentForm(t, doc, commit) : scriptForm(t, doc, commit, capabilities || {});
  root.replaceChildren(h('div', { class: 'ad-form', 'data-testid': 'form' }, body));
}

function scriptForm(t, doc, commit, capabilities) {
  const steps = doc.node(['steps']);
  const stepSections = isMap(steps) ? steps.items.map((pair) => stepSection(t, doc, String(pair.key.value ?? pair.key), pair.value, commit)).filter(Boolean) : [];
  return [
    section(t('formEscalation'), 'form-escalation', escalationFields(t, doc, ['settings', 'escalation'], commit)),
    section(t('formFollowUp'), 'form-follow-up', [followUpField(t, doc, commit, capabilities.followUpDelay)]),
    h('h3', { class: 'ad-form-h', text: t('formSteps') }),
    ...stepSections,
  ];
}

function stepSection(t, doc, name, step, commit) {
  if (!isMap(step)) return null;
  const groups = [['say', t('formTemplates')], ['reprompt', t('formReprompt')]].map(([key, label]) => {
    const seq = step.get(key);
    if (!isSeq(seq) || !seq.items.length) return null;
    return h('div', { class: 'ad-variants' }, [
      h('div', { class: 'ad-variants-label', text: label }),
      ...seq.items.map((variant, i) => variantFields(t, doc, ['steps', name, key, i], variant, commit)),
    ]);
  }).filter(Boolean);
  if (!groups.length) return null;
  return h('details', { class: 'ad-step', 'data-testid': `form-step-${name}`, open: true }, [
    h('summary', { class: 'ad-step-name' }, [h('span', { class: 'ac-mono', text: name }), h('span', { class: 'ac-muted ac-small', text: String(step.get('method') ?? '') })]),
    ...groups,
  ]);
}

function variantFields(t, doc, path, variant, commit) {
  const when = variant.get('when', true);
  const cond = when ? describe(when.toJSON()) : '';
  return h('div', { class: 'ad-variant', 'data-testid': 'form-variant', 'data-path': path.join('.') }, [
    h('div', { class: 'ad-variant-when', text: cond ? t('formWhen', { cond }) : t('formAlways') }),
    ...LANGS.map((lang) => {
      const area = h('textarea', { class: 'ac-text ad-template', rows: 2, lang: lang === 'zh' ? 'zh-CN' : 'en', 'data-testid': `template-${lang}`, 'aria-label': `${path.join('.')} ${t(`lang_${lang}`)}` });
      area.value = String(variant.get(lang) ?? '');
      area.addEventListener('input', () => { doc.set([...path, lang], area.value); commit(); });
      return h('label', { class: 'ad-lang-field' }, [h('span', { class: 'ad-lang-tag', text: lang.toUpperCase() }), area]);
    }),
  ]);
}

function escalationFields(t, doc, path, commit) {
  return ESCALATION.map(([key, type]) => {
    const current = doc.get([...path, key]);
    const id = `esc-${key}`;
    let control;
    if (type === 'bool') {
      control = h('select', { class: 'ac-select', id, 'data-testid': id }, [
        h('option', { value: '', text: t('inherit') }), h('option', { value: 'true', text: t('yes') }), h('option', { value: 'false', text: t('no') }),
      ]);
      control.value = current === undefined ? '' : String(current);
    } else {
      control = h('input', { class: 'ac-text', id, type: 'number', 'data-testid': id, min: 0, max: type === 'ratio' ? 1 : undefined, step: type === 'ratio' ? 0.05 : type === 'int' ? 1 : 'any', placeholder: t('inherit') });
      control.value = current === undefined ? '' : String(current);
    }
    control.addEventListener('change', () => {
      const raw = control.value;
      if (raw === '') doc.delete([...path, key]);
      else doc.set([...path, key], type === 'bool' ? raw === 'true' : Number(raw));
      commit();
    });
    return h('label', { class: 'ad-inline-field', for: id }, [h('span', { text: t(`esc_${key}`) }), control]);
  });
}

function followUpField(t, doc, commit, supported) {
  const path = ['settings', 'follow_up', 'delay_minutes'];
  const input = h('input', { class: 'ac-text', type: 'number', min: 0, step: 1, 'data-testid': 'follow-up-delay', disabled: !supported, placeholder: t('inherit') });
  const current = doc.get(path);
  input.value = current === undefined ? '' : String(current);
  input.addEventListener('change', () => {
    if (input.value === '') doc.delete(path);
    else doc.set(path, Number(input.value));
    commit();
  });
  return h('div', {}, [
    h('label', { class: 'ad-inline-field' }, [h('span', { text: t('followUpDelay') }), input]),
    supported ? null : h('p', { class: 'ac-muted ac-small', 'data-testid': 'follow-up-missing', text: t('followUpMissing') }),
  ]);
}

function intentForm(t, doc, commit) {
  const description = h('textarea', { class: 'ac-text', rows: 2, 'data-testid': 'intent-description' });
  description.value = String(doc.get(['description']) ?? '');
  description.addEventListener('input', () => { doc.set(['description'], description.value); commit(); });
  return [
    section(t('formDescription'), 'form-description', [description]),
    ...LANGS.map((lang) => section(`${t('formExamples')} · ${t(`lang_${lang}`)}`, `form-examples-${lang}`, [examplesList(t, doc, lang, commit)])),
  ];
}

function examplesList(t, doc, lang, commit) {
  const list = h('ul', { class: 'ad-examples', 'data-testid': `examples-${lang}` });
  const seq = () => doc.node(['examples', lang]);
  const render = () => {
    const items = isSeq(seq()) ? seq().items : [];
    list.replaceChildren(...items.map((node, i) => {
      const input = h('input', { class: 'ac-text', type: 'text', lang: lang === 'zh' ? 'zh-CN' : 'en', 'data-testid': 'example' });
      input.value = String(node && node.value !== undefined ? node.value : node);
      input.addEventListener('input', () => { doc.set(['examples', lang, i], input.value); commit(); });
      const remove = h('button', { type: 'button', class: 'ac-btn ac-btn-ghost ac-btn-xs', text: t('removeExample'), onclick: () => { doc.delete(['examples', lang, i]); commit(); render(); } });
      return h('li', {}, [input, remove]);
    }));
  };
  render();
  const add = h('input', { class: 'ac-text', type: 'text', placeholder: t('examplePlaceholder'), 'data-testid': `add-example-${lang}` });
  const addBtn = h('button', { type: 'button', class: 'ac-btn ac-btn-xs', text: t('addExample'), onclick: () => {
    const value = add.value.trim();
    if (!value) return;
    doc.push(['examples', lang], value);
    add.value = '';
    commit();
    render();
  } });
  add.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addBtn.click(); } });
  return h('div', {}, [list, h('div', { class: 'ad-add-row' }, [add, addBtn])]);
}

function section(title, testid, children) {
  return h('section', { class: 'ad-form-section', 'data-testid': testid }, [h('h3', { class: 'ad-form-h', text: title }), ...children]);
}

/** `{intent: affirm, intensity_at_least: 0.6}` -> `intent affirm, intensity_at_least 0.6`. */
function describe(cond) {
  return Object.entries(cond || {}).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('|') : typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
}
