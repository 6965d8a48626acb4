/*
 * The agent console's strings, English and Chinese. `t(key, vars)` fills `{name}` placeholders.
 * Keys missing in Chinese fall back to English, then to the key itself.
 */

export const STRINGS = {
  en: {
    appName: 'Concord', consoleName: 'Agent console', language: 'Language',
    // login
    signInTitle: 'Sign in to the agent console', signInSub: 'Customer care · human handoff',
    email: 'Email', password: 'Password', signIn: 'Sign in', signingIn: 'Signing in…',
    err_invalid_credentials: 'Wrong email or password, or the account is disabled.',
    err_too_many_attempts: 'Too many failed sign-ins. Try again in {time}.',
    err_network: 'Cannot reach the server. Check your connection and try again.',
    signOut: 'Sign out', sessionExpired: 'Your session has ended. Please sign in again.',
    // top bar
    available: 'Available', away: 'Away', offline: 'Offline', presence: 'Presence',
    role_agent: 'Agent', role_supervisor: 'Supervisor', role_admin: 'Admin',
    connReconnecting: 'Live updates interrupted. Reconnecting in {s}s…', connRetry: 'Retry now',
    connConnecting: 'Connecting to live updates…',
    // left
    tabInbox: 'Inbox', tabLive: 'Live', queue: 'Queue', myChats: 'My chats',
    queueEmpty: 'Nobody is waiting. Nice work.', chatsEmpty: 'You have no open chats.',
    afterHours: 'Outside business hours — customers were told when the team opens.',
    liveTitle: 'Live bot conversations', liveEmpty: 'No conversations with the bot right now.',
    liveFilter_bot: 'With the bot', liveFilter_queued: 'Queued', liveFilter_agent: 'With agents',
    waiting: 'Waiting {time}', position: '#{n}', vip: 'VIP', sla_breached: 'Over SLA', customer: 'Customer',
    takeOver: 'Take over', noMessages: 'No messages yet',
    // centre
    selectChat: 'Select a conversation', selectChatSub: 'Pick a chat from the queue or from your chats to see the transcript and the handoff packet.',
    status_bot: 'With the bot', status_queued: 'Queued', status_agent: 'With an agent', status_closed: 'Closed',
    ownedByYou: 'You own this chat', ownedBy: 'Owned by {name}',
    claim: 'Claim', transfer: 'Transfer', resolve: 'Resolve', close: 'Close', cancel: 'Cancel',
    from_customer: 'Customer', from_bot: 'Bot', from_agent: 'Agent', from_system: 'System', you: 'You',
    internalNote: 'Internal note', noteWarning: 'Internal — the customer never sees this',
    piiMasked: 'Personal data masked', piiRevealed: 'Original shown (your access was logged)', piiReveal: 'Reveal',
    deliveryFailed: 'Not delivered yet — {n} failed attempt(s): {error}', deliveredLate: 'Delivered after {n} failed attempt(s)',
    customerTyping: 'Customer is typing…', agentTyping: '{name} is typing…',
    reply: 'Reply', note: 'Note', send: 'Send', addNote: 'Add note',
    replyPlaceholder: 'Reply to the customer…  Type / for canned replies',
    notePlaceholder: 'Write an internal note for your team…',
    composerHint: 'Enter to send · Shift+Enter for a new line · / for canned replies',
    readOnlyQueued: 'Claim this chat to reply to the customer.',
    readOnlyOther: 'This chat is owned by someone else. You can read it.',
    readOnlyBot: 'The bot is handling this chat. Take over to reply.',
    readOnlyClosed: 'This conversation is closed.',
    showOriginal: 'Show original', original: 'Original', emotion_intensity: '{label} · {pct}%',
    intent_by: 'Intent: {intent} · {source}', source_local: 'local model', source_llm: 'language model',
    cannedTitle: 'Canned replies', cannedNone: 'No canned reply matches “/{q}”.',
    tooLong: 'At most {max} characters.',
    // events
    ev_escalate: 'Escalated to the queue', ev_assign: 'Assigned by {actor}', ev_assign_self: 'You claimed this chat', ev_assign_auto: 'Assigned automatically', newChatAssigned: 'A chat was assigned to you.', ev_transfer: 'Transferred',
    ev_returnToBot: 'Resolved — handed back to the bot', ev_withdrawn: 'Back to the bot: the customer no longer needs a person', ev_close: 'Closed', ev_reopen: 'Reopened', ev_takeover: 'Taken over by {actor}',
    ev_generic: '{name}',
    // dialogs
    transferTitle: 'Transfer conversation', transferTo: 'Transfer to', toAgent: 'An agent', toTeam: 'A team / the queue',
    pickAgent: 'Choose an agent', team: 'Team', teamPlaceholder: 'e.g. billing (empty: general queue)',
    transferNote: 'Note for the next person (internal)', noAgents: 'No other agents.',
    agentLoad: '{active}/{max} chats', resolveTitle: 'Resolve and hand back to the bot',
    resolveBody: 'The bot resumes at the follow-up step: it asks the customer for a rating and whether there is anything else.',
    resolveNote: 'Resolution note (internal, optional)', closeTitle: 'Close conversation',
    closeBody: 'The conversation ends without the bot\'s follow-up. The customer\'s next message starts a new conversation.',
    closeReason: 'Reason (optional)',
    // toasts
    claimed: 'You claimed this chat.', transferred: 'Chat transferred.', resolved: 'Resolved. The bot is following up with the customer.',
    closedToast: 'Conversation closed.', tookOver: 'You took over this conversation.', presenceSet: 'You are now {p}.',
    err_already_claimed: 'Another agent claimed this chat first.', err_not_queued: 'This chat is no longer in the queue.',
    err_at_capacity: 'At capacity: finish a chat before taking another.', err_not_owner: 'This chat is not yours.',
    err_forbidden: 'Your role does not allow this.', err_csrf_failed: 'Security token expired. Reload the page.',
    err_message_too_long: 'Message too long (at most 4000 characters).', err_empty_message: 'Write something first.',
    err_invalid_transition: 'That is not possible in the chat\'s current state.', err_not_found: 'Conversation not found.',
    err_version_conflict: 'The chat changed at the same moment. Try again.', err_generic: 'Something went wrong ({code}).',
    // packet
    packetTitle: 'Handoff packet', packetEmpty: 'The handoff packet appears when you open a conversation.',
    problem: 'Problem', facts: 'Confirmed facts', noFacts: 'No facts confirmed yet.',
    categoryPriority: 'Category & priority', category: 'Category', priority: 'Priority', score: 'score {n}',
    emotionTrajectory: 'Emotion trajectory', peak: 'peak {pct}%', drivingTurns: 'Turns that drove it',
    proposals: 'What the bot proposed', noProposals: 'The bot has not proposed a resolution.',
    customerAnswer: 'Answer', accepted: 'Accepted', rejected: 'Rejected', noAnswer: 'No answer yet',
    identity: 'Customer', channel: 'Channel', customerId: 'Customer id',
    previousConversations: 'Previous conversations', tickets: 'Tickets', none: 'None',
    sla: 'SLA', slaLeft: '{time} left', slaOverdue: 'Overdue by {time}', noSla: 'No deadline promised.',
    escalationReasons: 'Why it was escalated',
    // reasons
    reason_customer_request: 'Asked for a person', reason_high_emotion: 'Strong emotion', reason_anger_rising: 'Anger rising',
    reason_not_understood: 'Bot did not understand', reason_resolution_rejected: 'Rejected the resolution',
    reason_repeat_complaint: 'Repeat complaint', reason_threat: 'Legal threat or public complaint', reason_legal_threat: 'Legal threat', reason_public_complaint: 'Public complaint',
    reason_vip: 'VIP customer', reason_follow_up_not_solved: 'Not solved at follow-up', reason_agent_disconnected: 'Agent disconnected', reason_script: 'Script rule',
    reason_overdue_ticket: 'Overdue ticket', reason_order_change: 'Cancel or change an order', reason_policy_question: 'Policy question the bot could not answer', reason_customer_withdrew: 'Customer withdrew the request', reason_repair_requested: 'Wants a repair', reason_privacy_request: 'Personal data request (confirm identity first)', reason_membership_cancel: 'Cancel a membership or an unwanted renewal', reason_membership_check: 'Check a membership\'s end or renewal date',
    // emotions
    emo_anger: 'Anger', emo_anxiety: 'Anxiety', emo_sadness: 'Sadness', emo_confusion: 'Confusion',
    emo_satisfaction: 'Satisfied', emo_neutral: 'Neutral',
    dir_rising: 'rising', dir_falling: 'falling', dir_steady: 'steady',
    prio_urgent: 'Urgent', prio_high: 'High', prio_normal: 'Normal', prio_low: 'Low',
    lang_en: 'EN', lang_zh: 'ZH',
    justNow: 'just now', secs: '{n}s', mins: '{n}m', minsSecs: '{m}m {s}s', hours: '{h}h {m}m', days: '{d}d {h}h',
  },
  zh: {
    appName: 'Concord', consoleName: '客服工作台', language: '语言',
    signInTitle: '登录客服工作台', signInSub: '客户服务 · 人工接管',
    email: '邮箱', password: '密码', signIn: '登录', signingIn: '正在登录…',
    err_invalid_credentials: '邮箱或密码错误，或账号已停用。',
    err_too_many_attempts: '登录失败次数过多，请在 {time} 后重试。',
    err_network: '无法连接服务器，请检查网络后重试。',
    signOut: '退出登录', sessionExpired: '登录已过期，请重新登录。',
    available: '在线', away: '离开', offline: '离线', presence: '状态',
    role_agent: '客服', role_supervisor: '主管', role_admin: '管理员',
    connReconnecting: '实时更新已中断，{s} 秒后重新连接…', connRetry: '立即重试',
    connConnecting: '正在连接实时更新…',
    tabInbox: '收件箱', tabLive: '实时监控', queue: '排队中', myChats: '我的会话',
    queueEmpty: '当前没有排队的客户。', chatsEmpty: '您当前没有进行中的会话。',
    afterHours: '当前为非工作时间，已告知客户人工客服的上班时间。',
    liveTitle: '机器人实时会话', liveEmpty: '当前没有与机器人进行中的会话。',
    liveFilter_bot: '机器人接待', liveFilter_queued: '排队中', liveFilter_agent: '人工接待',
    waiting: '已等待 {time}', position: '第 {n} 位', vip: 'VIP', sla_breached: '已超时', customer: '客户',
    takeOver: '接管', noMessages: '暂无消息',
    selectChat: '请选择一个会话', selectChatSub: '从排队列表或“我的会话”中选择，即可查看对话记录和转接摘要。',
    status_bot: '机器人接待中', status_queued: '排队中', status_agent: '人工接待中', status_closed: '已结束',
    ownedByYou: '由您负责', ownedBy: '由 {name} 负责',
    claim: '接入', transfer: '转接', resolve: '解决', close: '结束', cancel: '取消',
    from_customer: '客户', from_bot: '机器人', from_agent: '客服', from_system: '系统', you: '我',
    internalNote: '内部备注', noteWarning: '内部备注 — 客户永远看不到',
    piiMasked: '个人信息已隐藏', piiRevealed: '已显示原文（您的查看已记录）', piiReveal: '显示原文',
    deliveryFailed: '尚未送达 — 已失败 {n} 次：{error}', deliveredLate: '重试 {n} 次后已送达',
    customerTyping: '客户正在输入…', agentTyping: '{name} 正在输入…',
    reply: '回复', note: '备注', send: '发送', addNote: '添加备注',
    replyPlaceholder: '回复客户…  输入 / 使用快捷回复',
    notePlaceholder: '给团队写一条内部备注…',
    composerHint: 'Enter 发送 · Shift+Enter 换行 · / 快捷回复',
    readOnlyQueued: '接入此会话后即可回复客户。',
    readOnlyOther: '此会话由其他同事负责，您可以查看。',
    readOnlyBot: '机器人正在接待此会话，接管后即可回复。',
    readOnlyClosed: '此会话已结束。',
    showOriginal: '查看原文', original: '原文', emotion_intensity: '{label} · {pct}%',
    intent_by: '意图：{intent} · {source}', source_local: '本地模型', source_llm: '大语言模型',
    cannedTitle: '快捷回复', cannedNone: '没有匹配“/{q}”的快捷回复。',
    tooLong: '最多 {max} 个字符。',
    ev_escalate: '已转入人工排队', ev_assign: '{actor} 已分配', ev_assign_self: '您已接入此会话', ev_assign_auto: '已自动分配', newChatAssigned: '有新会话分配给您。', ev_transfer: '已转接',
    ev_returnToBot: '已解决 — 交还机器人', ev_withdrawn: '交还机器人：顾客已不需要人工', ev_close: '已结束', ev_reopen: '已重新打开', ev_takeover: '{actor} 已接管',
    ev_generic: '{name}',
    transferTitle: '转接会话', transferTo: '转接给', toAgent: '指定客服', toTeam: '团队 / 排队',
    pickAgent: '选择客服', team: '团队', teamPlaceholder: '例如 billing（留空：普通队列）',
    transferNote: '给接手同事的备注（内部）', noAgents: '没有其他客服。',
    agentLoad: '{active}/{max} 个会话', resolveTitle: '解决并交还机器人',
    resolveBody: '机器人将从回访步骤继续：请客户评分，并询问是否还有其他问题。',
    resolveNote: '处理说明（内部，可选）', closeTitle: '结束会话',
    closeBody: '会话将直接结束，机器人不再回访。客户的下一条消息会开启新会话。',
    closeReason: '原因（可选）',
    claimed: '您已接入此会话。', transferred: '会话已转接。', resolved: '已解决，机器人正在回访客户。',
    closedToast: '会话已结束。', tookOver: '您已接管此会话。', presenceSet: '您的状态：{p}。',
    err_already_claimed: '其他客服已先接入此会话。', err_not_queued: '此会话已不在排队中。',
    err_at_capacity: '已达到会话上限，请先处理完一个会话。', err_not_owner: '此会话不属于您。',
    err_forbidden: '您的角色无权执行此操作。', err_csrf_failed: '安全令牌已失效，请刷新页面。',
    err_message_too_long: '消息太长（最多 4000 个字符）。', err_empty_message: '请先输入内容。',
    err_invalid_transition: '会话当前状态不允许此操作。', err_not_found: '找不到该会话。',
    err_version_conflict: '会话刚刚被更新，请重试。', err_generic: '操作失败（{code}）。',
    packetTitle: '转接摘要', packetEmpty: '打开会话后，这里会显示转接摘要。',
    problem: '问题概述', facts: '已确认信息', noFacts: '尚无已确认的信息。',
    categoryPriority: '类别与优先级', category: '类别', priority: '优先级', score: '评分 {n}',
    emotionTrajectory: '情绪变化', peak: '峰值 {pct}%', drivingTurns: '引发情绪的发言',
    proposals: '机器人提出的方案', noProposals: '机器人尚未提出解决方案。',
    customerAnswer: '客户回复', accepted: '已接受', rejected: '已拒绝', noAnswer: '尚未回复',
    identity: '客户信息', channel: '渠道', customerId: '客户编号',
    previousConversations: '历史会话', tickets: '工单', none: '无',
    sla: '处理时限', slaLeft: '剩余 {time}', slaOverdue: '已超时 {time}', noSla: '尚未承诺处理时限。',
    escalationReasons: '转人工原因',
    reason_customer_request: '客户要求人工', reason_high_emotion: '情绪强烈', reason_anger_rising: '怒气上升',
    reason_not_understood: '机器人未能理解', reason_resolution_rejected: '拒绝了解决方案',
    reason_repeat_complaint: '重复投诉', reason_threat: '法律威胁或公开投诉', reason_legal_threat: '法律威胁', reason_public_complaint: '公开投诉',
    reason_vip: 'VIP 客户', reason_follow_up_not_solved: '回访时仍未解决', reason_agent_disconnected: '客服断线', reason_script: '脚本规则',
    reason_overdue_ticket: '工单已超时', reason_order_change: '取消或修改订单', reason_policy_question: '机器人无法回答的政策咨询', reason_customer_withdrew: '顾客已取消转人工', reason_repair_requested: '要求维修', reason_privacy_request: '个人信息请求（请先核实身份）', reason_membership_cancel: '取消会员或处理不想要的续费', reason_membership_check: '核对会员到期或续费时间',
    emo_anger: '愤怒', emo_anxiety: '焦虑', emo_sadness: '难过', emo_confusion: '困惑',
    emo_satisfaction: '满意', emo_neutral: '平静',
    dir_rising: '上升', dir_falling: '下降', dir_steady: '平稳',
    prio_urgent: '紧急', prio_high: '高', prio_normal: '普通', prio_low: '低',
    lang_en: '英', lang_zh: '中',
    justNow: '刚刚', secs: '{n} 秒', mins: '{n} 分', minsSecs: '{m} 分 {s} 秒', hours: '{h} 小时 {m} 分', days: '{d} 天 {h} 小时',
  },
};

/** `en` or `zh` from a BCP 47 tag, else null. */
export function normalizeLang(value) {
  const v = String(value || '').toLowerCase();
  if (v.startsWith('zh')) return 'zh';
  if (v.startsWith('en')) return 'en';
  return null;
}

export function makeT(lang) {
  return translator(STRINGS, lang);
}

/** `t(key, vars)` over a `{en: {...}, zh: {...}}` table (the admin console has its own). */
export function translator(strings, lang) {
  const table = strings[lang] || strings.en;
  return (key, vars) => {
    const text = table[key] ?? strings.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (vars && vars[name] !== undefined ? String(vars[name]) : ''));
  };
}

/** "4m 12s", "2h 5m": a compact duration in the UI language. */
export function duration(t, seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return t('secs', { n: s });
  if (s < 3600) return t('minsSecs', { m: Math.floor(s / 60), s: s % 60 });
  if (s < 86400) return t('hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t('days', { d: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600) });
}

/** A reason code in words: the dictionary's, else the code with spaces. */
export function reasonText(t, code) {
  const key = `reason_${code}`;
  const text = t(key);
  return text === key ? String(code).replace(/_/g, ' ') : text;
}
