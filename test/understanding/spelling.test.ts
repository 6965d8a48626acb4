import { join } from 'node:path';
import { createUnderstanding } from '../../src/understanding';
import { createSpelling, englishWords, Spelling } from '../../src/understanding/spelling';

describe('Spelling', () => {
  const spelling = new Spelling([new Set(['my', 'the', 'skipped', 'shipped', 'headphones', 'arrived', 'broken', 'return', 'policy', 'order', 'smith'])], new Map([['headphones', 3], ['arrived', 2], ['broken', 5], ['return', 4], ['shipped', 2], ['order', 9], ['policy', 2]]));

  it('replaces an unknown word with the bot\'s own word one edit away, keeping its case', () => {
    expect(spelling.correct('my hedphones arived brokn')).toBe('my headphones arrived broken');
    expect(spelling.correct('Retrun policy?')).toBe('Return policy?');
    expect(spelling.correct('MY ORDR IS BROKN!!!')).toBe('MY ORDER IS BROKEN!!!');
  });

  it('leaves known words, words two edits away, and words joined to digits, apostrophes, @ or dots alone', () => {
    const same = ['you skipped the order', 'brkon', 'ordr12345', "brokn's", 'mail ordr@shop.com', 'see shop.ordr.com', 'xyzzy'];
    for (const text of same) expect(spelling.correct(text)).toBe(text);
  });

  it('corrects nothing without the English word list (the bot\'s words alone would "correct" ordinary English)', () => {
    expect(createSpelling(['my headphones arrived broken'], [], undefined)).toBeUndefined();
  });

  it('knows the configured product names', () => {
    const words = englishWords();
    expect(words?.known.size).toBeGreaterThan(250_000);
    expect(words?.common.size).toBe(5_000);
    expect(createSpelling(['where is my order'], [], words)!.correct('wehre is my ordr, the cabel broke')).toBe('wehre is my order, the cable broke');
    expect(createSpelling(['where is my order'], ['Cabel Pro'], words)!.correct('my cabel broke')).toBe('my cabel broke');
  });
});

describe('understanding with spelling', () => {
  const u = createUnderstanding({ intentsDir: join(__dirname, '../../intents') });
  const plain = createUnderstanding({ intentsDir: join(__dirname, '../../intents'), spelling: false });

  it('reads the complaint fact and category behind typos, and reports the corrected text', () => {
    const a = u.analyze('my hedphones arived brokn', { careContext: true });
    expect(a.spelled).toBe('my headphones arrived broken');
    expect(a.category).toBe('product');
    expect(a.emotion.cues.some((c) => c.fact)).toBe(true);
    const b = plain.analyze('my hedphones arived brokn', { careContext: true });
    expect(b.spelled).toBeUndefined();
    expect(b.category).toBe('other');
    expect(u.analyze('where is my order 12345?').spelled).toBeUndefined();
  });
});
