/**
 * The emotion rules skip a lexicon pattern when the turn lacks its required literal
 * (`required-literal.ts`); that is only safe if every match contains the literal.
 */
import { join } from 'node:path';
import { EN_LEXICON, ZH_LEXICON } from '../../src/understanding/emotion-lexicon';
import { loadIntentFiles } from '../../src/understanding/intents-file';
import { requiredLiteral } from '../../src/understanding/required-literal';

describe('requiredLiteral', () => {
  it.each([
    ['angry', 'angry'], ['pissed( off)?', 'pissed'], ['thanks?', 'thank'], ["haven'?t", 'haven'], ['rip ?off', 'rip'],
    ['(still )?no (reply|response)', 'no '], ['(late|delayed|delay)', ''], ['panic\\w*', 'panic'], ['a|b', ''], ['colou?r', 'colo'],
    ['[ab]cd', ''], ['Worst', 'worst'], ['太气人', '太气人'],
  ])('%s -> %j', (pattern, literal) => {
    expect(requiredLiteral(pattern)).toBe(literal);
  });

  it('is contained in every lexicon match of customer texts, in any letter case', () => {
    const { intents } = loadIntentFiles(join(__dirname, '../../intents'));
    const examples = intents.flatMap((i) => [...(i.examples.en ?? []), ...(i.examples.zh ?? [])]);
    const crafted = [
      "I'M PISSED OFF", 'Still waiting, havent got it', "still haven't received it", 'no one answers', 'NOONE REPLIES', 'what a RipOff', 'rip off',
      "where's my parcel", 'wheres is my order', 'Panicking now', 'DELAYED again', 'sick and tired of this', 'Thx, thanks, THANK YOU', 'wtf is going on',
      "it doesn't work", 'doesnt work', "I'm lost", 'im lost', 'what does this mean', 'data leak!', 'wrong colour', 'wrong color', '气死我了，太气人了',
    ];
    const texts = [...examples, ...crafted].flatMap((t) => [t, t.toUpperCase()]);
    let matched = 0;
    for (const [pattern, , , en] of [...EN_LEXICON.map((e) => [...e, true] as const), ...ZH_LEXICON.map((e) => [...e, false] as const)]) {
      const re = new RegExp(en ? `\\b(?:${pattern})\\b` : pattern, 'i');
      const literal = requiredLiteral(pattern);
      for (const text of texts) {
        if (!re.test(text)) continue;
        matched++;
        expect({ pattern, text, contained: text.toLowerCase().includes(literal) }).toEqual({ pattern, text, contained: true });
      }
    }
    expect(matched).toBeGreaterThan(300);
  });
});
