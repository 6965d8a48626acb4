/** Small bilingual intent sets shared by the intent model tests. */
import type { LabelledText } from '../../src/understanding/intent-classifier';

export const rows = (label: string, texts: string[]): LabelledText[] => texts.map((text) => ({ text, label }));

/** Three customer-care intents, six English and two Chinese examples each. */
export const CARE_INTENTS: LabelledText[] = [
  ...rows('refund', ['i want a refund', 'refund my money please', 'give me my money back', 'how do i get a refund', 'refund the order', 'money back now', '我要退款', '请给我退款']),
  ...rows('track', ['where is my parcel', 'track my order', 'where is my package', 'when will my order arrive', 'parcel tracking', 'has my order shipped', '我的快递到哪了', '包裹在哪']),
  ...rows('card', ['my card was declined', 'card not working', 'card blocked', 'why was my card declined', 'new card please', 'my card is lost', '卡被锁了', '银行卡不能用']),
];
