/**
 * Guesses the complaint category of a turn from keyword lexicons in English and Chinese, in
 * the order of the method: product, service, price, logistics, account, privacy, other.
 */
import type { ComplaintCategory } from './types';

const LEXICON: Record<Exclude<ComplaintCategory, 'other'>, RegExp> = {
  privacy: /\b(privacy|personal (data|info\w*)|my data|data (breach|leak)|leak(ed)?|spam(med)?|gdpr|sold my|share[ds]? my|tracking me)\b|隐私|泄露|泄漏|个人信息|骚扰电话|骚扰短信|信息安全|数据安全/i,
  account: /\b(account|log ?in|sign ?in|password|locked|hacked|verification code|otp|2fa|username|profile|membership)\b|账号|账户|帐号|帐户|登录|登陆|密码|被锁|冻结|验证码|会员|注册/i,
  price: /\b(charged?|overcharg\w*|refund\w*|price[ds]?|pricing|bill(ed|ing)?|invoice|fee[s]?|cost[s]?|paid|payment|money|coupon|discount|double charged|expensive|\$\d+)\b|扣费|扣款|多扣|收费|价格|价钱|退款|退钱|发票|账单|费用|优惠券|优惠|付款|支付|贵|钱/i,
  logistics: /\b(deliver\w*|shipping|shipped|shipment|package|parcel|courier|tracking|arriv\w*|late|delay(ed)?|lost in transit|never (came|arrived)|not (arrived|received)|dispatch\w*|ups|fedex|dhl|usps)\b|物流|快递|发货|配送|送货|到货|没到|还没到|未到|没收到|送达|延误|包裹|派送|运单|快递员|丢件|迟到/i,
  product: /\b(broken|damaged|defect\w*|faulty|doesn'?t work|does not work|stopped working|not working|quality|cracked|missing (part|piece|item)s?|wrong (item|size|color|colour)|fake|expired|leak\w*|smell\w*)\b|坏了|坏的|破损|损坏|质量|故障|不能用|用不了|瑕疵|假货|过期|少了|缺件|发错|颜色不对|尺码不对|有问题|碎了/i,
  service: /\b(rude|staff|agent|support|customer service|nobody (answers?|replies|responds?|called)|no (one|body) (answers?|replies|responds?)|(no|never got a) (reply|response|answer)|ignored|hung up|on hold|waiting for (a )?(reply|response|call ?back)|unhelpful|attitude|manager|employee|representative|call ?center|chat bot|bot)\b|客服|态度|服务|没人理|没人回|不回复|不理|挂电话|敷衍|工作人员|店员|骑手|推诿|踢皮球/i,
};

const ORDER: Exclude<ComplaintCategory, 'other'>[] = ['privacy', 'account', 'price', 'product', 'logistics', 'service'];

/**
 * The most specific category whose lexicon matches `text`; privacy and account problems win
 * over generic words like "order", and `other` is returned when nothing matches.
 */
export function detectCategory(text: string): ComplaintCategory {
  for (const category of ORDER) if (LEXICON[category].test(text)) return category;
  return 'other';
}
