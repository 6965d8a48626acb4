/**
 * The handoff packet's words in English and Chinese: section labels, fact names, categories,
 * priorities, emotions, trajectory directions, escalation reasons and SLA phrasing.
 */
import type { Language } from '../engine/messages';

type Dict = Record<string, string>;

export const SECTION_LABELS: Record<Language, Dict> = {
  en: {
    problem: 'Problem', facts: 'Confirmed facts', category: 'Category', priority: 'Priority', emotion: 'Emotion',
    proposals: 'What the bot proposed', answer: "Customer's answer", customer: 'Customer', channel: 'Channel',
    previousConversations: 'Previous conversations', tickets: 'Tickets', sla: 'SLA', escalation: 'Why escalated',
    vip: 'VIP', original: 'Show original message', none: 'None',
  },
  zh: {
    problem: '问题', facts: '已确认信息', category: '类别', priority: '优先级', emotion: '情绪',
    proposals: '机器人提出的方案', answer: '客户的回答', customer: '客户', channel: '渠道',
    previousConversations: '历史会话', tickets: '工单', sla: '服务时限', escalation: '转人工原因',
    vip: 'VIP', original: '查看原始消息', none: '无',
  },
};

export const FACT_LABELS: Record<Language, Dict> = {
  en: { order_number: 'Order number', amount: 'Amount', date: 'Date', ticket_ref: 'Ticket', email: 'Email', phone: 'Phone', product: 'Product', needed_by: 'Needed by (customer)' },
  zh: { order_number: '订单号', amount: '金额', date: '日期', ticket_ref: '工单号', email: '邮箱', phone: '电话', product: '产品', needed_by: '客户要求的时间' },
};

/** The problem headline's opening, per complaint category. */
export const HEADLINE_LABELS: Record<Language, Dict> = {
  en: { product: 'Product complaint', service: 'Service complaint', price: 'Billing or price complaint', logistics: 'Delivery complaint', account: 'Account problem', privacy: 'Privacy concern', other: 'Complaint' },
  zh: { product: '产品投诉', service: '服务投诉', price: '价格或扣费投诉', logistics: '物流投诉', account: '账户问题', privacy: '隐私问题', other: '投诉' },
};

export const CATEGORY_LABELS: Record<Language, Dict> = {
  en: { product: 'Product', service: 'Service', price: 'Price', logistics: 'Logistics', account: 'Account', privacy: 'Privacy', other: 'Other' },
  zh: { product: '产品', service: '服务', price: '价格', logistics: '物流', account: '账户', privacy: '隐私', other: '其他' },
};

export const PRIORITY_LABELS: Record<Language, Dict> = {
  en: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  zh: { low: '低', normal: '普通', high: '高', urgent: '紧急' },
};

export const EMOTION_LABELS: Record<Language, Dict> = {
  en: { anger: 'Anger', anxiety: 'Anxiety', sadness: 'Sadness', confusion: 'Confusion', satisfaction: 'Satisfaction', neutral: 'Neutral' },
  zh: { anger: '愤怒', anxiety: '焦虑', sadness: '难过', confusion: '困惑', satisfaction: '满意', neutral: '平静' },
};

export const DIRECTION_LABELS: Record<Language, Dict> = {
  en: { rising: 'Getting more upset', falling: 'Calming down', steady: 'Steady' },
  zh: { rising: '情绪上升', falling: '情绪缓和', steady: '情绪平稳' },
};

export const REASON_LABELS: Record<Language, Dict> = {
  en: {
    customer_request: 'Asked for a person', high_emotion: 'Very upset', anger_rising: 'Anger rising over several turns',
    not_understood: 'The bot did not understand twice', resolution_rejected: 'Rejected the proposed solution',
    repeat_complaint: 'Repeat complaint (same category within 7 days)', threat: 'Legal threat or public complaint',
    legal_threat: 'Legal threat', public_complaint: 'Public complaint', vip: 'VIP customer', agent_disconnected: 'Previous agent disconnected',
    order_change: 'Wants to cancel or change an order', policy_question: 'A question about policies the bot could not answer',
    follow_up_not_solved: 'Not solved at the follow-up', script: 'A rule of the dialog script', overdue_ticket: 'Overdue ticket',
    customer_withdrew: 'Customer withdrew the request', repair_requested: 'Wants a repair',
    privacy_request: 'Wants personal data deleted or a copy of it (confirm identity first)',
    membership_cancel: 'Wants a membership cancelled, or an unwanted renewal looked at',
    membership_check: 'Asks when a membership ends or renews; wants it checked',
  },
  zh: {
    customer_request: '客户要求人工', high_emotion: '情绪激动', anger_rising: '愤怒持续上升',
    not_understood: '机器人连续两次未理解', resolution_rejected: '客户拒绝了提出的方案',
    repeat_complaint: '重复投诉（7 天内同类问题）', threat: '法律威胁或公开投诉',
    legal_threat: '法律威胁', public_complaint: '公开投诉', vip: 'VIP 客户', agent_disconnected: '上一位客服已断开',
    order_change: '要取消或修改订单', policy_question: '机器人无法回答的政策咨询',
    follow_up_not_solved: '回访时仍未解决', script: '对话脚本规则', overdue_ticket: '工单已超时',
    customer_withdrew: '顾客已取消转人工', repair_requested: '要求维修',
    privacy_request: '要求删除或导出个人信息（请先核实身份）',
    membership_cancel: '要求取消会员，或处理不想要的续费',
    membership_check: '询问会员到期或续费时间，需要核对',
  },
};

/** Looks a key up, falling back to the key itself (new codes still show something). */
export function label(dict: Record<Language, Dict>, language: Language, key: string): string {
  return dict[language][key] ?? key;
}

/** "2 h 15 min left" / "剩余 2 小时 15 分钟", or the overdue phrasing. */
export function slaText(language: Language, secondsLeft: number): string {
  const abs = Math.abs(secondsLeft);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  if (language === 'zh') {
    const span = `${h > 0 ? `${h} 小时 ` : ''}${m} 分钟`;
    return secondsLeft >= 0 ? `剩余 ${span}` : `已超时 ${span}`;
  }
  const span = `${h > 0 ? `${h} h ` : ''}${m} min`;
  return secondsLeft >= 0 ? `${span} left` : `overdue by ${span}`;
}
