/*
 * Small DOM helpers. Text always goes through textContent: nothing from the server is ever
 * parsed as HTML.
 */

/** Creates an element: `text` sets textContent, `on<event>` adds a listener, the rest are attributes. */
export function h(tag, props, children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children || []) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

const ICONS = {
  inbox: 'M4 4h16a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 9v5h14v-5h-4a3 3 0 0 1-6 0zm0-2h5.2a1.8 1.8 0 0 0 3.6 0H19V6H5z',
  live: 'M12 5c5 0 8.6 4.2 9.7 6.4a1.3 1.3 0 0 1 0 1.2C20.6 14.8 17 19 12 19s-8.6-4.2-9.7-6.4a1.3 1.3 0 0 1 0-1.2C3.4 9.2 7 5 12 5zm0 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
  send: 'M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z',
  lock: 'M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V7a3 3 0 0 0-6 0z',
  link: 'M10.6 13.4a1 1 0 0 1 0-1.4l3-3a1 1 0 1 1 1.4 1.4l-3 3a1 1 0 0 1-1.4 0zM8.5 18.5a3.5 3.5 0 0 1-2.5-6l2.1-2.1a1 1 0 1 1 1.4 1.4L7.4 14a1.5 1.5 0 0 0 2.1 2.1l2.1-2.1a1 1 0 0 1 1.4 1.4L11 17.5a3.5 3.5 0 0 1-2.5 1zM15.9 13.6a1 1 0 0 1-.7-1.7l2.1-2.1a1.5 1.5 0 0 0-2.1-2.1l-2.1 2.1a1 1 0 0 1-1.4-1.4L13.8 6.3a3.5 3.5 0 0 1 5 5l-2.1 2.1a1 1 0 0 1-.8.2z',
  clock: 'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm1 3v4.6l3.2 1.9-1 1.7L11 12.7V7z',
  bot: 'M12 2a1.5 1.5 0 0 1 .75 2.8V6H17a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3h4.25V4.8A1.5 1.5 0 0 1 12 2zM9 11.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
  person: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5z',
  chat: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.3 3.6A.75.75 0 0 1 4.5 19v-3.1A2.5 2.5 0 0 1 4 14.5z',
  check: 'M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6 11-11-1.4-1.4z',
  out: 'M10 3h9a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1h-9v-2h8V5h-8zM8.3 7.3l1.4 1.4L7.4 11H15v2H7.4l2.3 2.3-1.4 1.4L3.6 12z',
};

export function icon(name, cls) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (cls) svg.setAttribute('class', cls);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name] || ICONS.chat);
  svg.append(path);
  return svg;
}

/** Two letters for an avatar: initials of a name, else of the id. */
export function initials(name, id) {
  const source = String(name || '').trim();
  if (source) {
    const parts = source.split(/\s+/);
    const first = Array.from(parts[0])[0] || '';
    const second = parts.length > 1 ? Array.from(parts[parts.length - 1])[0] : Array.from(parts[0])[1] || '';
    return (first + (/[\u3400-\u9fff]/.test(first) ? '' : second)).toUpperCase();
  }
  return String(id || '?').replace(/[^a-z0-9]/gi, '').slice(-2).toUpperCase() || '?';
}

/** A stable hue for an id, so one customer keeps one avatar colour. */
export function hue(id) {
  let n = 0;
  for (const ch of String(id || '')) n = (n * 31 + ch.charCodeAt(0)) % 360;
  return n;
}

export function clock(lang, at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { hour: 'numeric', minute: '2-digit' }).format(date);
}

export function dateTime(lang, at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Emotion chip: label + intensity, coloured by the emotion. */
export function emotionChip(t, emotion, extra) {
  if (!emotion || !emotion.label) return null;
  const pct = Math.round(Math.max(0, Math.min(1, Number(emotion.intensity) || 0)) * 100);
  const arrow = emotion.direction === 'rising' ? ' ↑' : emotion.direction === 'falling' ? ' ↓' : '';
  return h('span', {
    class: `ac-emo ac-emo-${emotion.label}${pct >= 70 && emotion.label !== 'satisfaction' && emotion.label !== 'neutral' ? ' ac-emo-strong' : ''}${extra ? ` ${extra}` : ''}`,
    'data-testid': 'emotion', 'data-label': emotion.label,
    title: `${t(`emo_${emotion.label}`)} ${pct}%${emotion.direction ? ` (${t(`dir_${emotion.direction}`)})` : ''}`,
  }, [
    h('span', { class: 'ac-emo-dot', 'aria-hidden': 'true' }),
    h('span', { text: `${t(`emo_${emotion.label}`)} ${pct}%${arrow}` }),
  ]);
}

export function customerName(t, customer) {
  if (customer && customer.displayName) return customer.displayName;
  const id = String((customer && customer.id) || '').replace(/[^a-z0-9]/gi, '');
  return `${t('customer')} ${id.slice(-4).toUpperCase()}`;
}
