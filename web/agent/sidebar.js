/*
 * The left column: the queue and "my chats" (inbox tab), and for supervisors the live bot
 * conversations with their emotion and a "take over" button.
 */
import { h, emotionChip, customerName, initials, hue, clock } from './dom.js';
import { duration, reasonText } from './i18n.js';

export function renderInbox(ctx, state) {
  const { t } = ctx;
  const queue = h('div', { class: 'ac-list-group', 'data-testid': 'queue' }, [
    groupTitle(t('queue'), state.queue.length, 'queue-count'),
    state.afterHours ? h('p', { class: 'ac-after-hours', text: t('afterHours') }) : null,
    ...(state.queue.length ? state.queue.map((item) => queueItem(ctx, state, item)) : [h('p', { class: 'ac-empty-small', text: t('queueEmpty') })]),
  ]);
  const chats = h('div', { class: 'ac-list-group', 'data-testid': 'my-chats' }, [
    groupTitle(t('myChats'), state.chats.length, 'chats-count'),
    ...(state.chats.length ? state.chats.map((c) => chatItem(ctx, state, c, 'chat-item')) : [h('p', { class: 'ac-empty-small', text: t('chatsEmpty') })]),
  ]);
  return [chats, queue];
}

function groupTitle(text, count, testid) {
  return h('h2', { class: 'ac-group-title' }, [h('span', { text }), h('span', { class: 'ac-count', 'data-testid': testid, text: String(count) })]);
}

function avatar(customer) {
  return h('span', { class: 'ac-avatar', style: `--h:${hue(customer && customer.id)}`, text: initials(customer && customer.displayName, customer && customer.id) });
}

function queueItem(ctx, state, item) {
  const { t } = ctx;
  const prio = item.priority || { score: 0, reasons: [] };
  const level = prio.ticketPriority || (prio.score >= 60 ? 'urgent' : prio.score >= 40 ? 'high' : prio.score >= 20 ? 'normal' : 'low');
  return h('button', {
    type: 'button', class: `ac-item ac-prio-edge-${level}${state.currentId === item.conversationId ? ' ac-selected' : ''}`,
    'data-testid': 'queue-item', 'data-id': item.conversationId, onclick: () => ctx.open(item.conversationId),
  }, [
    avatar(item.customer),
    h('span', { class: 'ac-item-main' }, [
      h('span', { class: 'ac-item-row' }, [
        h('span', { class: 'ac-item-name', text: customerName(t, item.customer) }),
        item.customer && item.customer.vip ? h('span', { class: 'ac-badge ac-badge-vip', text: t('vip') }) : null,
        item.slaBreached ? h('span', { class: 'ac-badge ac-badge-sla', 'data-testid': 'sla-breached', text: t('sla_breached') }) : null,
        h('span', { class: 'ac-spacer' }),
        h('span', {
          class: 'ac-wait', 'data-testid': 'waiting', 'data-tick': 'wait', 'data-base': String(item.waitingSeconds || 0), 'data-at': String(state.queueAt),
          text: duration(t, item.waitingSeconds || 0),
        }),
      ]),
      h('span', { class: 'ac-item-row ac-tags' }, [
        h('span', { class: `ac-prio ac-prio-${level}`, 'data-testid': 'priority', title: t('score', { n: Math.round(prio.score) }), text: `${t(`prio_${level}`)} · ${Math.round(prio.score)}` }),
        h('span', { class: 'ac-lang-tag', 'data-testid': 'language', text: t(`lang_${item.language}`) }),
        emotionChip(t, item.emotion),
        h('span', { class: 'ac-spacer' }),
        h('span', { class: 'ac-pos', text: t('position', { n: item.position }) }),
      ]),
      item.lastMessage ? h('span', { class: 'ac-item-last', text: item.lastMessage.text }) : null,
      prio.reasons && prio.reasons.length ? h('span', { class: 'ac-item-row ac-reasons', 'data-testid': 'reasons' },
        prio.reasons.map((r) => h('span', { class: `ac-reason ac-reason-${r}`, text: reasonText(t, r) }))) : null,
    ]),
  ]);
}

function chatItem(ctx, state, c, testid) {
  const { t, lang } = ctx;
  const unread = state.unread.has(c.conversationId);
  return h('button', {
    type: 'button', class: `ac-item${state.currentId === c.conversationId ? ' ac-selected' : ''}${unread ? ' ac-unread' : ''}`,
    'data-testid': testid, 'data-id': c.conversationId, onclick: () => ctx.open(c.conversationId),
  }, [
    avatar(c.customer),
    h('span', { class: 'ac-item-main' }, [
      h('span', { class: 'ac-item-row' }, [
        h('span', { class: 'ac-item-name', text: customerName(t, c.customer) }),
        c.customer && c.customer.vip ? h('span', { class: 'ac-badge ac-badge-vip', text: t('vip') }) : null,
        h('span', { class: 'ac-spacer' }),
        unread ? h('span', { class: 'ac-unread-dot', 'aria-label': 'unread' }) : null,
        h('span', { class: 'ac-muted ac-small', text: c.lastMessage ? clock(lang, c.lastMessage.at) : '' }),
      ]),
      h('span', { class: 'ac-item-row ac-tags' }, [
        h('span', { class: 'ac-lang-tag', text: t(`lang_${c.language}`) }),
        h('span', { class: 'ac-chan', text: c.channel }),
        emotionChip(t, c.emotion),
      ]),
      h('span', { class: 'ac-item-last', text: c.lastMessage ? `${c.lastMessage.author === 'agent' ? `${t('you')}: ` : ''}${c.lastMessage.text}` : t('noMessages') }),
    ]),
  ]);
}

export function renderLive(ctx, state) {
  const { t } = ctx;
  const filters = ['bot', 'queued', 'agent'].map((s) => h('button', {
    type: 'button', class: 'ac-seg-btn', 'aria-pressed': String(state.liveStatus === s), 'data-testid': `live-filter-${s}`,
    text: t(`liveFilter_${s}`), onclick: () => ctx.liveFilter(s),
  }));
  const items = state.live.map((c) => {
    const row = chatItem(ctx, state, c, 'live-item');
    if (c.status === 'bot' || c.status === 'queued') {
      const take = h('span', {
        role: 'button', tabindex: '0', class: 'ac-btn ac-btn-xs ac-btn-primary', 'data-testid': 'live-takeover', text: t('takeOver'),
        onclick: (e) => { e.stopPropagation(); ctx.takeover(c.conversationId); },
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); e.stopPropagation(); ctx.takeover(c.conversationId); } },
      });
      row.querySelector('.ac-tags').append(h('span', { class: 'ac-spacer' }), take);
    }
    return row;
  });
  return [h('div', { class: 'ac-list-group', 'data-testid': 'live' }, [
    groupTitle(t('liveTitle'), state.live.length, 'live-count'),
    h('div', { class: 'ac-seg ac-seg-full' }, filters),
    ...(items.length ? items : [h('p', { class: 'ac-empty-small', text: t('liveEmpty') })]),
  ])];
}
