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
 * `text` in Simplified characters. The conversion is character for character, and only a result
 * of the same length is used, so entity offsets found in it hold for the text as written.
 */
export function simplified(text: string): string {
  if (!hasHan(text)) return text;
  toSimplified ??= (require('opencc-js/t2cn') as OpenCcT2Cn).Converter({ from: 't', to: 'cn' });
  const out = toSimplified(text);
  return out.length === text.length ? out : text;
}
