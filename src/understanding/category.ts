/**
 * Guesses the complaint category of a turn from keyword lexicons in English and Chinese. Every
 * category is scored by the number of distinct keywords it matches, times its weight; ties go
 * to the more specific category (privacy, account, product, logistics, price, service).
 */
import type { ComplaintCategory } from './types';

type Category = Exclude<ComplaintCategory, 'other'>;

/** One category's lexicon: English alternatives (matched on word boundaries) and Chinese substrings. */
interface CategoryLexicon {
  en: string;
  zh: string;
  /** Multiplies the count of distinct matches. */
  weight: number;
}

const LEXICONS: Record<Category, CategoryLexicon> = {
  privacy: {
    en: "privacy|personal (?:data|info\\w*)|my data|data (?:breach|leak)|leak(?:ed)? my|spam(?:med)?|gdpr|sold my|share[ds]? my|tracking me",
    zh: '隐私|泄露|泄漏|个人信息|骚扰电话|骚扰短信|信息安全|数据安全',
    weight: 1.5,
  },
  account: {
    en: "account|log ?in|sign ?in|log(?:s|ged|ging)? (?:me )?out|sign(?:s|ed|ing)? me out|password|locked|hacked|(?:someone|somebody) used my (?:card|account)|unauthori[sz]ed (?:purchase|charge|order)s?|verification code|otp|2fa|username|profile|membership",
    zh: '账号|账户|帐号|帐户|登录|登陆|密码|被锁|冻结|验证码|会员|注册',
    weight: 1.2,
  },
  product: {
    en: "broken|damaged|defect\\w*|faulty|(?:doesn'?t|does not|don'?t|do not|didn'?t|did not|won'?t|will not|isn'?t|is not|aren'?t|are not|not|stopped|never) work(?:s|ing|ed)?|quality|cracked|smashed|dented|scratched|shattered|stained|stopped (?:charging|heating|cooling|turning on|spinning)|(?:sent|gave) (?:me )?(?:the |a )?wrong \\w+|missing from the (?:box|package|parcel)|error (?:code|message)s?|(?:keeps )?jamm(?:ing|ed)|blue screen|(?:keeps )?cut(?:s|ting)? out|(?:broke|fell apart|came off|peel(?:s|ing|ed)? off)|dead pixels?|(?:is|went|'s|are) (?:completely |totally )?dead|died (?:on me|after)|battery drains?|(?:gets|is|runs) (?:really |very |so )?hot|(?:no|poor|bad|weak) signal|missing (?:part|piece|item)s?|wrong (?:item|size|colou?r|model|product|one)|(?:my |the )order (?:\\w+ ){0,3}(?:is|was) wrong|(?:isn'?t|is not|wasn'?t|was not|not) what i (?:ordered|bought|paid for)|(?:got|received|sent me|came in|delivered) (?:a |an |the )?(?:size|colou?r) \\w+|ordered (?!(?:a |an |one |last |this |on |in |at |about |over |\\d+ )?(?:week|day|month|year|hour|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|ago|time|night|morning)s?\\b)(?:a |an |the |my )?[\\w -]{1,30}?,? (?:but|and) (?:got|received|they sent(?: me)?|you sent(?: me)?|it came)(?! nothing| anything)|too (?:small|big|large|tight)|(?:doesn'?t|does not|don'?t|do not) fit|fake|expired|leak(?:s|ing|ed)?|smell\\w*|no sound|(?:isn'?t|is not|not|won'?t|doesn'?t|does not|no longer) charg(?:e|es|ing)|crackl(?:es|ing|e)|buzz(?:es|ing)|dead on arrival|won'?t (?:turn on|start|charge|open|close)|overheat\\w*|noisy|strange noise|keeps (?:crashing|freezing)|flicker\\w*|(?:black|blank) screen|frozen|won'?t boot|not (?:what|as) (?:was )?(?:shown|described|pictured|advertised)|empty (?:box|package|parcel)|(?:box|package|parcel) (?:was|came|arrived|is) empty",
    zh: '坏了|坏的|不是我(?:买|要|订)的|破损|损坏|质量|故障|不能用|用不了|不好用|没声音|杂音|噪音|瑕疵|假货|过期|少了|缺件|发错|发成了|收到的是|二手|翻新机|被用过|颜色不对|尺码不对|有问题|碎了|凹了|瘪了|裂了|裂开|裂缝|有裂|破了个洞|破洞|划痕|刮花|污渍|污点|少发|漏发|报警|错误代码|故障码|报错|卡纸|蓝屏|信号(?:很|太|特别)?差|没信号|断断续续|充不进去?电|开胶|脱胶|掉漆|很烫|耗电(?:很|太|特别)?快|掉电(?:很|太|特别)?快|不转了|不动了|不出水|不排水|不脱水|启动不了|不启动|不工作|失灵|漏水|漏电|开不了机|开不开机|不亮|没反应|死机|闪退|不制冷|不加热|不出热风|不出风|不热了|不制热|异响|发烫|掉色|开裂|充不进电|闪屏|黑屏|花屏|卡顿|描述不符|与描述不一致|货不对板|图片不符|实物不符|太小了|太大了|偏小|偏大|不合身|穿不上|穿不下|(?:和|跟|与)图片(?:完全|根本)?不(?:一样|符)|空盒|空包裹|里面是空的|盒子是空的',
    weight: 1.2,
  },
  logistics: {
    // Arrival counts only when it did not happen: "arrived damaged" is about the product in hand.
    en: "deliver\\w*|shipping|shipped|shipment|package|parcel|courier|tracking|(?:hasn'?t|has not|haven'?t|have not|didn'?t|did not|never|not|yet to|wasn'?t|isn'?t)(?: yet| even)? arriv\\w*|(?:supposed|due|expected) to (?:arrive|come|be delivered)|late|delay(?:ed)?|lost in transit|never (?:came|arrived)|not (?:arrived|received)|dispatch\\w*|express|ups|fedex|dhl|usps|where(?:'s| is| are) my (?:order|stuff|items?|things)|someone else'?s (?:order|parcel|package)|left (?:it |them )?(?:in|out in) the rain",
    zh: '物流|快递|发货|配送|送货|到货|还没到(?!账)|没到(?!账)|未到|没收到|送达|延误|包裹|派送|运单|快递员|丢件|迟到|(?:订单|东西|货)[^，。,.!！?？]{0,12}(?:到哪|在哪)|别人的(?:包裹|快递|订单)',
    weight: 1,
  },
  price: {
    en: 'charged?|charg(?:es|ing) (?:me|us|my|for|twice|extra)|overcharg\\w*|refund\\w*|price[ds]?|pricing|bill(?:ed|ing)?|invoice|fees?|costs?|paid|payment|money|coupon|discount|expensive|subscription|renew(?:ed|al|s)?|auto-?renew\\w*|gift ?cards?|balance|store credit',
    zh: '到账|扣费|扣款|多扣|扣了|收费|价格|价钱|降价|差价|价保|保价|退款|退钱|发票|账单|费用|优惠券|优惠|付款|支付|贵|钱',
    weight: 1,
  },
  service: {
    en: "rude|staff|agent|support|customer service|nobody (?:answers?|replies|replied|responds?|called)|no ?(?:one|body) (?:answers?|replies|replied|responds?)|(?:no|never got a) (?:reply|response|answer)|ignored|hung up|on hold|waiting for (?:a )?(?:reply|response|call ?back)|unhelpful|attitude|manager|employee|representative|call ?center|chat ?bot|bot|technician|installer|installation|engineer|appointment|(?:didn'?t|did not|never) (?:show|turn)(?:ed)? up|no[- ]show",
    zh: '客服|态度|服务|没人理|没人回|没人接|不回复|不理|挂电话|敷衍|工作人员|店员|骑手|推诿|踢皮球|不上门|没上门|上门安装|安装师傅|维修师傅|放鸽子|爽约|售后',
    // "客服" and "support" often just address the company, so service words weigh less.
    weight: 0.6,
  },
};

/** Ties are broken by this order: the more specific category first. */
export const CATEGORY_PRIORITY: readonly Category[] = ['privacy', 'account', 'product', 'logistics', 'price', 'service'];

/** Amounts such as "$40" count as a price keyword. */
const DOLLARS = '|(?<![\\w$])\\$\\d';

const COMPILED: [Category, RegExp, number][] = CATEGORY_PRIORITY.map((c) => [
  c,
  new RegExp(`\\b(?:${LEXICONS[c].en})\\b|${LEXICONS[c].zh}${c === 'price' ? DOLLARS : ''}`, 'gi'),
  LEXICONS[c].weight,
]);

/**
 * A refund or money that "hasn't arrived" ("my refund still hasn't arrived", "退款三周了还没到"):
 * about money, not a parcel, so it counts once more for price than the arrival word does for logistics.
 */
const MONEY_NOT_ARRIVED = new RegExp(
  "\\b(?:refund|money|payment)\\w* (?:\\w+ ){0,5}(?:hasn'?t|has not|have not|haven'?t|not|never|still not) (?:\\w+ )?(?:arriv\\w*|come|came|received|shown up|gone through)\\b"
    + '|(?:退款|退的钱|钱)[^，。,.!！?？]{0,8}(?:还没|没|未)(?:到|收到|退回)',
  'i',
);

/**
 * A coupon or voucher that does not work ("为什么我的优惠券用不了", "my promo code is invalid"):
 * about a price, not a faulty product, so it outweighs the failure word's product score.
 */
const COUPON_FAILS = new RegExp(
  "\\b(?:coupon|voucher|promo(?:tion)? code|discount(?: code)?|gift card)s? (?:\\w+ ){0,4}(?:doesn'?t|does not|don'?t|didn'?t|won'?t|isn'?t|is not|not|can'?t|cannot) (?:\\w+ )?(?:work\\w*|appl\\w*|valid|be used|accepted)\\b|\\b(?:coupon|voucher|promo code|discount code)s? (?:is |was )?(?:invalid|expired)\\b"
    + '|(?:优惠券|优惠码|红包|代金券|礼品卡|折扣)[^，。,.!！?？]{0,8}(?:用不了|不能用|无法使用|使用不了|失效|过期|没用上|不生效)',
  'i',
);

/**
 * Goods that arrived broken ("the courier threw my parcel and the vase inside is broken", "包裹被压扁
 * 了，杯子全碎了"): a product problem even when the delivery is blamed, since the remedy is a
 * replacement or a refund, not tracing a parcel that has arrived.
 */
const ARRIVED_BROKEN = /\b(?:broken|smashed|shattered|cracked|damaged|dented)\b|碎了|裂了|摔坏|压坏|压碎|坏了|破损|损坏/i;

/**
 * How someone treated the customer ("the delivery guy was really rude", "快递员态度很差", "骂人"):
 * a service problem even when the person delivers parcels, so it outweighs a delivery word.
 */
const CONDUCT = new RegExp(
  "\\b(?:rude|impolite|disrespectful|insult\\w*|yell(?:ed|ing)? at|shout(?:ed|ing)? at|swore at|sworn at|cursed at|threatened me|bad attitude|attitude problem)\\b"
    + '|态度(?:很|太|非常|特别|极其)?(?:差|恶劣|不好)|骂人|骂我|吼我|凶我|不礼貌|没礼貌',
  'i',
);

/** Score of every category for `text`: distinct matched keywords times the category weight. */
export function categoryScores(text: string): Record<Category, number> {
  const scores = {} as Record<Category, number>;
  for (const [category, re, weight] of COMPILED) {
    const distinct = new Set((text.match(re) ?? []).map((m) => m.toLowerCase()));
    scores[category] = distinct.size * weight;
  }
  if (MONEY_NOT_ARRIVED.test(text)) scores.price += LEXICONS.price.weight;
  if (COUPON_FAILS.test(text)) scores.price += 2 * LEXICONS.product.weight;
  if (CONDUCT.test(text)) scores.service += 2 * LEXICONS.logistics.weight;
  if (ARRIVED_BROKEN.test(text) && scores.logistics > 0) scores.product += 2 * LEXICONS.logistics.weight;
  return scores;
}

/**
 * The category with the highest score for `text`; on a tie the more specific one wins
 * (`CATEGORY_PRIORITY`), and `other` is returned when nothing matches.
 */
export function detectCategory(text: string): ComplaintCategory {
  const scores = categoryScores(text);
  let best: ComplaintCategory = 'other';
  let top = 0;
  for (const category of CATEGORY_PRIORITY) {
    if (scores[category] > top) [best, top] = [category, scores[category]];
  }
  return best;
}
