/*
 * The right column: the handoff packet (docs/agent-api.md, "Handoff packet"), everything the bot
 * learnt, in the agent's language, with every fact one click away from the customer's own words.
 */
import { h, icon, emotionChip, dateTime, customerName } from './dom.js';
import { duration, reasonText } from './i18n.js';

export function renderPacket(ctx, current) {
  const { t } = ctx;
  const p = current.packet;
  if (!p) return [h('p', { class: 'ac-empty-small', text: t('packetEmpty') })];
  return [
    h('div', { class: 'ac-packet', 'data-testid': 'packet' }, [
      problem(ctx, p),
      reasons(ctx, p),
      classification(ctx, p),
      sla(ctx, p),
      facts(ctx, p),
      emotion(ctx, p),
      proposals(ctx, p),
      identity(ctx, p, current),
    ].filter(Boolean)),
  ];
}

function section(title, testid, children, extra) {
  return h('section', { class: `ac-psec${extra ? ` ${extra}` : ''}`, 'data-testid': testid }, [
    h('h3', { class: 'ac-psec-title', text: title }),
    ...children,
  ]);
}

/** A link that scrolls the transcript to the message a fact came from and highlights it. */
function originalLink(ctx, messageId, label) {
  if (!messageId) return null;
  return h('button', {
    type: 'button', class: 'ac-orig', 'data-testid': 'show-original', 'data-message-id': messageId,
    title: ctx.t('showOriginal'), onclick: () => ctx.reveal(messageId),
  }, [icon('link'), h('span', { text: label || ctx.t('showOriginal') })]);
}

function problem(ctx, p) {
  if (!p.problem || !p.problem.text) return null;
  return section(ctx.t('problem'), 'packet-problem', [
    p.problem.headline ? h('p', { class: 'ac-problem-headline', text: p.problem.headline }) : null,
    h('p', { class: 'ac-problem', text: p.problem.text }),
    originalLink(ctx, p.problem.messageId),
  ], 'ac-psec-lead');
}

function reasons(ctx, p) {
  const codes = (p.escalation && p.escalation.reasons) || [];
  if (!codes.length) return null;
  const labels = p.escalation.reasonLabels || [];
  return section(ctx.t('escalationReasons'), 'packet-reasons', [
    h('div', { class: 'ac-chips' }, codes.map((code, i) => h('span', {
      class: `ac-reason ac-reason-${code}`, 'data-code': code, text: labels[i] || reasonText(ctx.t, code),
    }))),
  ]);
}

function classification(ctx, p) {
  const { t } = ctx;
  if (!p.category && !p.priority) return null;
  return section(t('categoryPriority'), 'packet-priority', [
    h('dl', { class: 'ac-kv' }, [
      p.category ? h('dt', { text: t('category') }) : null,
      p.category ? h('dd', { text: p.category.label || p.category.value }) : null,
      p.priority ? h('dt', { text: t('priority') }) : null,
      p.priority ? h('dd', {}, [
        h('span', { class: `ac-prio ac-prio-${p.priority.value}`, text: p.priority.label || t(`prio_${p.priority.value}`) }),
        h('span', { class: 'ac-muted', text: ` ${t('score', { n: Math.round(p.priority.score) })}` }),
      ]) : null,
    ]),
  ]);
}

function sla(ctx, p) {
  const { t } = ctx;
  if (!p.sla) return section(t('sla'), 'packet-sla', [h('p', { class: 'ac-muted', text: t('noSla') })]);
  const left = Number(p.sla.secondsLeft) || 0;
  const timer = h('span', {
    class: `ac-sla-time${p.sla.overdue || left <= 0 ? ' ac-overdue' : left < 3600 ? ' ac-soon' : ''}`,
    'data-tick': 'sla', 'data-base': String(left), 'data-at': String(Date.now()),
    text: left > 0 ? t('slaLeft', { time: duration(t, left) }) : t('slaOverdue', { time: duration(t, -left) }),
  });
  return section(t('sla'), 'packet-sla', [
    h('div', { class: 'ac-sla' }, [icon('clock'), timer, h('span', { class: 'ac-muted', text: `${p.sla.ticketRef} · ${dateTime(ctx.lang, p.sla.dueAt)}` })]),
    p.sla.text ? h('p', { class: 'ac-muted ac-small', text: p.sla.text }) : null,
  ]);
}

function facts(ctx, p) {
  const list = p.facts || [];
  if (!list.length) return section(ctx.t('facts'), 'packet-facts', [h('p', { class: 'ac-muted', text: ctx.t('noFacts') })]);
  return section(ctx.t('facts'), 'packet-facts', [
    h('dl', { class: 'ac-facts' }, list.flatMap((f) => [
      h('dt', { text: f.label || f.key }),
      h('dd', { 'data-testid': 'fact', 'data-key': f.key }, [h('span', { class: 'ac-fact-value', text: f.value }), originalLink(ctx, f.messageId, ctx.t('original'))]),
    ])),
  ]);
}

function emotion(ctx, p) {
  const { t } = ctx;
  const e = p.emotion;
  if (!e || !e.turns || !e.turns.length) return null;
  const max = Math.max(0.01, ...e.turns.map((x) => Number(x.intensity) || 0));
  const spark = h('div', { class: 'ac-spark', 'aria-hidden': 'true' }, e.turns.map((x) => h('span', {
    class: `ac-spark-bar ac-emo-${x.label}`, title: `${x.labelText || x.label} ${Math.round(x.intensity * 100)}%`,
    style: `height:${Math.max(8, Math.round(((Number(x.intensity) || 0) / max) * 100))}%`,
  })));
  const driving = e.turns.filter((x) => x.label !== 'neutral' && x.label !== 'satisfaction').sort((a, b) => b.intensity - a.intensity).slice(0, 3)
    .sort((a, b) => a.seq - b.seq);
  return section(t('emotionTrajectory'), 'packet-emotion', [
    h('div', { class: 'ac-traj-head' }, [
      h('span', { class: `ac-dir ac-dir-${e.direction}`, text: `${e.direction === 'rising' ? '↗' : e.direction === 'falling' ? '↘' : '→'} ${e.directionLabel || t(`dir_${e.direction}`)}` }),
      h('span', { class: 'ac-muted', text: t('peak', { pct: Math.round((Number(e.peak) || 0) * 100) }) }),
    ]),
    spark,
    driving.length ? h('div', { class: 'ac-sub', text: t('drivingTurns') }) : null,
    ...driving.map((x) => h('div', { class: 'ac-turn', 'data-testid': 'driving-turn' }, [
      emotionChip(t, { label: x.label, intensity: x.intensity }),
      h('q', { class: 'ac-quote', text: x.text }),
      originalLink(ctx, x.messageId, t('original')),
    ])),
  ]);
}

function proposals(ctx, p) {
  const { t } = ctx;
  const list = p.proposals || [];
  if (!list.length) return section(t('proposals'), 'packet-proposals', [h('p', { class: 'ac-muted', text: t('noProposals') })]);
  return section(t('proposals'), 'packet-proposals', list.map((x) => h('div', { class: 'ac-proposal' }, [
    h('p', { class: 'ac-proposal-text' }, [h('span', { text: x.proposal }), originalLink(ctx, x.messageId, t('original'))]),
    h('div', { class: 'ac-answer' }, [
      h('span', { class: 'ac-sub-inline', text: `${t('customerAnswer')}:` }),
      h('span', { class: 'ac-answer-text', text: x.answer || t('noAnswer') }),
      x.accepted === true ? h('span', { class: 'ac-badge ac-badge-ok', text: t('accepted') }) : null,
      x.accepted === false ? h('span', { class: 'ac-badge ac-badge-bad', text: t('rejected') }) : null,
      originalLink(ctx, x.answerMessageId, t('original')),
    ]),
  ])));
}

function identity(ctx, p, current) {
  const { t, lang } = ctx;
  const c = p.customer || {};
  const prev = c.previousConversations || [];
  const tickets = c.tickets || [];
  return section(t('identity'), 'packet-customer', [
    h('dl', { class: 'ac-kv' }, [
      h('dt', { text: t('customer') }), h('dd', {}, [
        h('span', { text: customerName(t, { id: c.id, displayName: c.displayName }) }),
        c.vip ? h('span', { class: 'ac-badge ac-badge-vip', text: t('vip') }) : null,
      ]),
      h('dt', { text: t('channel') }), h('dd', { text: c.channel || current.conversation.channel }),
      h('dt', { text: t('customerId') }), h('dd', { class: 'ac-mono', text: c.id || '' }),
    ]),
    h('div', { class: 'ac-sub', text: `${t('tickets')} (${tickets.length})` }),
    tickets.length ? h('ul', { class: 'ac-list' }, tickets.map((k) => h('li', { 'data-testid': 'packet-ticket' }, [
      h('span', { class: 'ac-mono ac-strong', text: k.ref }),
      h('span', { class: 'ac-badge', text: k.status }),
      h('span', { class: 'ac-list-text', text: k.summary }),
      h('span', { class: 'ac-muted ac-small', text: `${k.category} · ${dateTime(lang, k.createdAt)}` }),
    ]))) : h('p', { class: 'ac-muted', text: t('none') }),
    h('div', { class: 'ac-sub', text: `${t('previousConversations')} (${prev.length})` }),
    prev.length ? h('ul', { class: 'ac-list' }, prev.slice(0, 5).map((x) => h('li', {}, [
      h('span', { class: `ac-status ac-status-${x.status}`, text: t(`status_${x.status}`) }),
      h('span', { class: 'ac-muted ac-small', text: dateTime(lang, x.createdAt) }),
    ]))) : h('p', { class: 'ac-muted', text: t('none') }),
  ]);
}
