/**
 * The customer side of the benchmark: realistic complaint conversations in English and Chinese,
 * as scripted turns. One cycle is: the complaint (with an order number), pressing the confirm
 * quick reply, accepting the resolution, answering the survey, saying goodbye. The next cycle
 * starts a new session (a new customer), because a second complaint from the same customer is
 * (rightly) escalated to a person, after which the bot stays silent.
 */
/** The languages the benchmark's customers write in (alternating by connection). */
export type BenchLanguage = 'en' | 'zh';

/** One customer turn and what the bot is expected to answer. */
export interface ScriptedTurn {
  /** What the customer types (for a quick reply: the label shown, if the bot offered none). */
  text: string;
  /** The quick reply value pressed; it must be among the previous reply's quick replies. */
  press?: string;
  /** Bot messages that end the turn. */
  replies: number;
}

const COMPLAINTS: Record<BenchLanguage, ((order: string) => string)[]> = {
  en: [
    (o) => `My order ${o} arrived broken and nobody answers my emails, this is ridiculous`,
    (o) => `Order ${o} came damaged, the screen is cracked. I want this fixed`,
    (o) => `my order ${o} arrived broken`,
  ],
  zh: [
    (o) => `我的订单${o}到了是坏的，客服一直不回复，太气人了`,
    (o) => `订单${o}收到的时候已经坏了，屏幕裂了，请尽快处理`,
    (o) => `我的订单${o}到了是坏的`,
  ],
};

const GOODBYE: Record<BenchLanguage, string> = { en: "no that's all, thanks, bye", zh: '没有了，好的谢谢，再见' };

/** The five turns of one complaint conversation; `seed` varies the wording and order number. */
export function complaintCycle(language: BenchLanguage, seed: number): ScriptedTurn[] {
  const variants = COMPLAINTS[language];
  const order = String(10000 + ((seed * 7919) % 90000));
  return [
    { text: variants[seed % variants.length](order), replies: 2 },
    // The ticket is announced, then the offer is made (with its buttons).
    { text: language === 'en' ? "Yes, that's right" : '对，没错', press: 'yes', replies: 2 },
    { text: language === 'en' ? 'Yes, that works' : '可以，就这样', press: 'accept', replies: 1 },
    { text: '5', press: '5', replies: 1 },
    { text: GOODBYE[language], replies: 1 },
  ];
}

/** The echo server's "conversation": any text, answered by exactly one frame. */
export function echoCycle(_language: BenchLanguage, seed: number): ScriptedTurn[] {
  return [{ text: `echo ${seed}: my order arrived broken`, replies: 1 }];
}
