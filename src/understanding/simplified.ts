/**
 * Traditional Chinese (Hong Kong, Taiwan, Macau) read as Simplified. The intent examples, the cue
 * lexicons and the Chinese emotion model are all written in Simplified characters, so without this
 * "謝謝" was out of scope and "東西壞了" no complaint fact. The conversion tables are OpenCC's
 * (`opencc-js`, Traditional -> Mainland), loaded on the first turn with Han characters (about
 * 30 ms and 2 MB of heap, once).
 */
import { hasHan } from './han';

type Convert = (text: string) => string;
interface OpenCcT2Cn {
  Converter(options: { from: 't' | 'hk' | 'tw' | 'twp'; to: 'cn' }): Convert;
}

let toSimplified: Convert | undefined;

/**
 * Older variant forms and pinyin-input slips of the words customers write to a shop, in the
 * standard form the intent examples, entities and lexicons use: "定单334455还没到" had no order
 * number and "我要退宽" was no refund. Each pair has the same length, and only words that are not
 * part of a common longer word are listed ("以经" is inside "所以经常", "因该" inside "因该酒店").
 */
const VARIANTS: readonly (readonly [string, string])[] = [
  ['定单', '订单'], ['帐单', '账单'], ['帐号', '账号'], ['帐户', '账户'], ['到帐', '到账'], ['结帐', '结账'],
  ['退宽', '退款'], ['收获地址', '收货地址'], ['冲值', '充值'], ['密马', '密码'], ['保休', '保修'], ['维休', '维修'],
  ['在也不会', '再也不会'], ['在也不买', '再也不买'], ['在也不来', '再也不来'], ['在也不用', '再也不用'],
];
const VARIANT_PATTERN = new RegExp(VARIANTS.map(([from]) => from).join('|'), 'g');
const STANDARD = new Map(VARIANTS);

/**
 * `text` in Simplified characters, with the variant forms above in their standard form. The
 * conversion is character for character, and only a result of the same length is used, so entity
 * offsets found in it hold for the text as written.
 */
export function simplified(text: string): string {
  if (!hasHan(text)) return text;
  toSimplified ??= (require('opencc-js/t2cn') as OpenCcT2Cn).Converter({ from: 't', to: 'cn' });
  const out = toSimplified(text).replace(VARIANT_PATTERN, (word) => STANDARD.get(word) ?? word);
  return out.length === text.length ? out : text;
}
