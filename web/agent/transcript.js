/*
 * The centre column: conversation header with its actions, and the live transcript (customer,
 * bot, agent, internal notes and status events, each visually distinct).
 */
import { h, icon, clock, emotionChip, customerName, initials, hue } from './dom.js';
import { reasonText } from './i18n.js';

/** The buttons a user may press on a conversation, from its status, owner and the user's role. */
export function allowedActions(conversation, user) {
  const boss = user.role === 'supervisor' || user.role === 'admin';
  const mine = conversation.assignedAgentId === user.id;
  switch (conversation.status) {
    case 'queued': return boss ? ['claim', 'close'] : ['claim'];
    case 'agent': return mine || boss ? ['transfer', 'resolve', 'close'] : [];
    case 'bot': return boss ? ['takeover'] : [];
    default: return [];
  }
}

/** Header: avatar, name, channel/language/status, owner, action buttons. */
export function renderHeader(ctx, current) {
  const { t, user } = ctx;
  const c = current.conversation;
  const name = customerName(t, c.customer);
  const owner = c.assignedAgentId
    ? (c.assignedAgentId === user.id ? t('ownedByYou') : t('ownedBy', { name: ctx.agentName(c.assignedAgentId) }))
    : '';
  const buttons = allowedActions(c, user).map((action) => h('button', {
    type: 'button', 'data-testid': action,
    class: `ac-btn ${action === 'claim' || action === 'takeover' ? 'ac-btn-primary' : action === 'resolve' ? 'ac-btn-success' : action === 'close' ? 'ac-btn-ghost' : ''}`,
    text: t(action === 'takeover' ? 'takeOver' : action), onclick: () => ctx.act(action),
  }));
  return h('div', { class: 'ac-conv-head', 'data-testid': 'conversation-header', 'data-status': c.status }, [
    h('span', { class: 'ac-avatar ac-avatar-lg', style: `--h:${hue(c.customer && c.customer.id)}`, text: initials(c.customer && c.customer.displayName, c.customer && c.customer.id) }),
    h('div', { class: 'ac-conv-title' }, [
      h('div', { class: 'ac-conv-name' }, [
        h('span', { text: name }),
        c.customer && c.customer.vip ? h('span', { class: 'ac-badge ac-badge-vip', text: t('vip') }) : null,
      ]),
      h('div', { class: 'ac-conv-meta' }, [
        h('span', { class: `ac-status ac-status-${c.status}`, 'data-testid': 'conversation-status', text: t(`status_${c.status}`) }),
        h('span', { class: 'ac-meta-sep', text: '·' }),
        h('span', { text: c.channel }),
        h('span', { class: 'ac-meta-sep', text: '·' }),
        h('span', { class: 'ac-lang-tag', text: t(`lang_${c.language}`) }),
        owner ? h('span', { class: 'ac-meta-sep', text: '·' }) : null,
        owner ? h('span', { class: 'ac-owner', text: owner }) : null,
      ]),
    ]),
    h('div', { class: 'ac-actions' }, buttons),
  ]);
}

/** Messages, notes and events merged in time order. */
export function timeline(current) {
  const items = [];
  for (const m of current.messages || []) items.push({ kind: 'message', at: m.at, order: m.seq, item: m });
  for (const n of current.notes || []) items.push({ kind: 'note', at: n.at, order: 0, item: n });
  for (const e of current.events || []) if (e.type === 'transition' || e.name) items.push({ kind: 'event', at: e.at, order: 0, item: e });
  return items.sort((a, b) => a.at - b.at || a.order - b.order);
}

export function renderTranscript(ctx, current) {
  const rows = [];
  let prev = null;
  for (const entry of timeline(current)) {
    const row = entry.kind === 'message' ? messageRow(ctx, current, entry.item)
      : entry.kind === 'note' ? noteRow(ctx, entry.item) : eventRow(ctx, entry.item);
    if (prev && entry.kind === 'message' && prev.kind === 'message' && prev.item.author === entry.item.author
      && prev.item.authorId === entry.item.authorId && entry.at - prev.at < 120000) row.classList.add('ac-continued');
    rows.push(row);
    prev = entry;
  }
  return rows;
}

function messageRow(ctx, current, m) {
  const { t, lang } = ctx;
  const author = ['customer', 'bot', 'agent'].includes(m.author) ? m.author : 'system';
  if (author === 'system') {
    return h('div', { class: 'ac-event', 'data-testid': 'msg', 'data-from': 'system', 'data-id': m.id }, [h('span', { 'data-testid': 'msg-text', text: m.text })]);
  }
  const who = author === 'customer' ? customerName(t, current.conversation.customer)
    : author === 'agent' ? (m.authorId === ctx.user.id ? `${m.authorName || ctx.user.name} (${t('you')})` : m.authorName || t('from_agent'))
      : t('from_bot');
  const avatar = author === 'customer'
    ? h('span', { class: 'ac-avatar', style: `--h:${hue(current.conversation.customer && current.conversation.customer.id)}`, text: initials(current.conversation.customer && current.conversation.customer.displayName, current.conversation.customer && current.conversation.customer.id) })
    : h('span', { class: `ac-avatar ac-avatar-${author}` }, [icon(author === 'bot' ? 'bot' : 'person')]);
  return h('div', { class: `ac-msg ac-from-${author}`, 'data-testid': 'msg', 'data-from': author, 'data-id': m.id, 'data-seq': m.seq }, [
    avatar,
    h('div', { class: 'ac-msg-body' }, [
      h('div', { class: 'ac-msg-head' }, [
        h('span', { class: 'ac-msg-who', text: who }),
        author === 'agent' ? h('span', { class: 'ac-role ac-role-agent', text: t('from_agent') }) : null,
        h('time', { class: 'ac-msg-time', datetime: new Date(m.at).toISOString(), text: clock(lang, m.at) }),
      ]),
      h('div', { class: 'ac-bubble' }, [h('p', { class: 'ac-msg-text', 'data-testid': 'msg-text', text: ctx.revealed.get(m.id) ?? m.text })]),
      m.masked ? maskedNotice(ctx, m) : null,
      author === 'customer' && (m.emotion || m.understanding) ? h('div', { class: 'ac-msg-foot' }, [
        m.emotion ? emotionChip(t, m.emotion) : null,
        m.emotion && Number(m.emotion.intensity) > 0 ? intensityBar(m.emotion) : null,
        intentNote(t, m.understanding),
      ]) : null,
      deliveryNotice(t, m.delivery),
    ]),
  ]);
}

/** Which intent the turn was read as, by which model, and why (in the tooltip). */
function intentNote(t, u) {
  if (!u) return null;
  const text = t('intent_by', { intent: u.intent, source: t(`source_${u.source}`) });
  return h('span', { class: 'ac-intent', 'data-testid': 'msg-intent', 'data-source': u.source, title: u.reason || '', text });
}

/** Personal data in this message is masked at rest; supervisors and admins may reveal it. */
function maskedNotice(ctx, m) {
  const { t, user } = ctx;
  const shown = ctx.revealed.has(m.id);
  const boss = user.role === 'supervisor' || user.role === 'admin';
  return h('div', { class: 'ac-masked', 'data-testid': 'masked' }, [
    icon('lock'),
    h('span', { text: t(shown ? 'piiRevealed' : 'piiMasked') }),
    boss && !shown ? h('button', { type: 'button', class: 'ac-btn ac-btn-xs ac-btn-ghost', 'data-testid': 'reveal-pii', text: t('piiReveal'), onclick: () => ctx.revealPii(m.id) }) : null,
  ]);
}

/** Failed delivery attempts of a reply, so agents know whether the customer got it. */
function deliveryNotice(t, delivery) {
  if (!delivery || !delivery.failedAttempts) return null;
  const text = delivery.deliveredAt
    ? t('deliveredLate', { n: delivery.failedAttempts })
    : t('deliveryFailed', { n: delivery.failedAttempts, error: delivery.lastError || '?' });
  return h('div', { class: `ac-delivery${delivery.deliveredAt ? '' : ' ac-delivery-failed'}`, 'data-testid': 'delivery', role: 'status', text });
}

function intensityBar(emotion) {
  const pct = Math.round(Math.max(0, Math.min(1, Number(emotion.intensity) || 0)) * 100);
  return h('span', { class: `ac-meter ac-emo-${emotion.label}`, 'aria-hidden': 'true' }, [h('span', { style: `width:${pct}%` })]);
}

function noteRow(ctx, n) {
  const { t, lang } = ctx;
  return h('div', { class: 'ac-note', 'data-testid': 'note', 'data-id': n.id }, [
    h('div', { class: 'ac-note-head' }, [
      icon('lock'),
      h('span', { class: 'ac-note-label', text: t('noteWarning') }),
      h('span', { class: 'ac-spacer' }),
      h('span', { class: 'ac-msg-who', text: n.authorId === ctx.user.id ? `${n.authorName} (${t('you')})` : n.authorName }),
      h('time', { class: 'ac-msg-time', text: clock(lang, n.at) }),
    ]),
    h('p', { class: 'ac-msg-text', 'data-testid': 'note-text', text: n.text }),
  ]);
}

function eventRow(ctx, e) {
  const { t, lang } = ctx;
  const actor = actorName(ctx, e.actor);
  const self = /:(.+)$/.exec(String(e.actor || ''))?.[1] === ctx.user.id;
  const key = e.name === 'assign' && self ? 'ev_assign_self' : e.name === 'assign' && e.actor === 'system' ? 'ev_assign_auto'
    : e.name === 'returnToBot' && e.actor === 'customer' ? 'ev_withdrawn' : `ev_${e.name}`;
  let text = t(key, { actor });
  if (text === key) text = String(e.name || e.type).replace(/_/g, ' ');
  const reason = e.reason ? String(e.reason).split(/[,;]\s*/).map((r) => reasonText(t, r)).join(', ') : '';
  return h('div', { class: 'ac-event', 'data-testid': 'event', 'data-name': e.name || e.type }, [
    h('span', { text: reason ? `${text} — ${reason}` : text }),
    h('time', { text: clock(lang, e.at) }),
  ]);
}

function actorName(ctx, actor) {
  const m = /^(agent|supervisor|admin):(.+)$/.exec(String(actor || ''));
  if (m) return m[2] === ctx.user.id ? ctx.t('you') : ctx.agentName(m[2]);
  return ctx.t(`from_${actor}`) !== `from_${actor}` ? ctx.t(`from_${actor}`) : String(actor || '');
}
