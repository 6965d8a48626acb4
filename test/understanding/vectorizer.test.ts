import { extractNgrams, DEFAULT_FEATURES } from '../../src/understanding/text-features';
import { Vectorizer } from '../../src/understanding/vectorizer';

const TRAINING = [
  'my order arrived broken', 'where is my order?', 'thanks a lot 😊', 'this is ridiculous 😡😡',
  '我的订单到了是坏的', '谢谢，再见', 'yes, that works', 'no, not yet', 'café déjà vu', '𠀀𠀁 rare characters',
];

/** The vector as the vectorizer computed it before the span lookups: from `extractNgrams` keys. */
function reference(v: Vectorizer, text: string): { idx: number[]; val: number[] } {
  const index = new Map(v.state.vocab.map((k, i) => [k, i] as const));
  const idx: number[] = [];
  const val: number[] = [];
  const norms = [0, 0];
  const word: boolean[] = [];
  for (const [key, count] of extractNgrams(text, v.state.features)) {
    const i = index.get(key);
    if (i === undefined) continue;
    const x = (v.state.sublinear ? 1 + Math.log(count) : count) * v.state.idf[i];
    idx.push(i);
    val.push(x);
    word.push(key.startsWith('w:'));
    norms[key.startsWith('w:') ? 0 : 1] += x * x;
  }
  const b = v.state.blocks;
  const total = norms[0] + norms[1];
  const scale = (w: boolean) => (b ? (w ? (norms[0] ? b.word / Math.sqrt(norms[0]) : 0) : norms[1] ? b.char / Math.sqrt(norms[1]) : 0) : total ? 1 / Math.sqrt(total) : 0);
  return { idx, val: val.map((x, j) => x * scale(word[j])) };
}

describe('Vectorizer.transform', () => {
  const texts = [...TRAINING, 'My ORDER 12345 arrived broken!!! 😡', '订单坏了😞', '', '   ', '?!', '𠀀 broken café', 'unknown words only zzzz'];

  it.each([undefined, { word: 0.6, char: 0.8 }])('gives the same vector as counting extractNgrams keys (blocks %p)', (blocks) => {
    const v = Vectorizer.fit(TRAINING, { features: DEFAULT_FEATURES, blocks });
    for (const text of texts) expect(v.transform(text)).toEqual(reference(v, text));
  });

  it('works on a vectorizer loaded from its state (as model files are)', () => {
    const fitted = Vectorizer.fit(TRAINING);
    const loaded = new Vectorizer(JSON.parse(JSON.stringify(fitted.state)));
    for (const text of texts) expect(loaded.transform(text)).toEqual(fitted.transform(text));
  });
});
