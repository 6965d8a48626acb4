/**
 * What the Chinese emotion model (`models/emotion-zh.json`) adds to the features and the
 * decision: Latin/CJK token split, Naive-Bayes feature weighting, and margin gates on the rule
 * overrides.
 */
import { extractNgrams, normalizeText, tokenize } from '../../src/understanding/text-features';
import { Vectorizer } from '../../src/understanding/vectorizer';
import { decide, emotionEvidence } from '../../src/understanding/emotion';
import { combinedLabel, createEmotionDetector, DEFAULT_GATES, NO_GATES } from '../../src/understanding/emotion-model';
import { TextModel } from '../../src/understanding/text-model';
import { MODELS_DIR } from '../../src/understanding/emotion-model';
import type { EmotionLabel } from '../../src/understanding/types';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

describe('splitScripts', () => {
  it('splits a Latin word or number from the CJK characters glued to it', () => {
    expect(tokenize(normalizeText('我的order 12345还没到'))).toEqual(['我的', 'order', '0还没到']);
    expect(tokenize(normalizeText('我的order 12345还没到'), true)).toEqual(['我的', 'order', '0', '还没到']);
    expect(tokenize(normalizeText("don't stop!!"), true)).toEqual(["don't", 'stop', '!', '!']);
  });

  it('gives the CJK run its own character n-grams', () => {
    const features = { wordNgrams: [1], charMin: 2, charMax: 3, cjkMin: 1, cjkMax: 3, splitScripts: true };
    const keys = [...extractNgrams('zzz呢', features).keys()];
    expect(keys).toContain('z:呢');
    expect(keys).toContain('w:zzz');
    expect(keys).not.toContain('z:z呢');
  });

  it('is what the shipped Chinese model was trained with', () => {
    const zh = TextModel.load(join(MODELS_DIR, 'emotion-zh.json'));
    expect(zh.vectorizer.state.features.splitScripts).toBe(true);
  });
});

describe('Naive-Bayes feature weighting (nb)', () => {
  const texts = ['good good', 'good day', 'bad day', 'bad bad', 'good night', 'bad night'];
  const labels = ['pos', 'pos', 'neg', 'neg', 'pos', 'neg'];
  const features = { wordNgrams: [1], charMin: 2, charMax: 0, cjkMin: 1, cjkMax: 1 };
  const idf = (v: Vectorizer, key: string) => v.state.idf[v.state.vocab.indexOf(key)];

  it('weighs a feature that tells the labels apart above one that does not', () => {
    const plain = Vectorizer.fit(texts, { features });
    const nb = Vectorizer.fit(texts, { features, nb: 1 }, labels);
    const scale = (key: string) => idf(nb, key) / idf(plain, key);
    expect(scale('w:good')).toBeGreaterThan(1.5 * scale('w:day'));
  });

  it('changes nothing without labels or at 0', () => {
    expect(Vectorizer.fit(texts, { features, nb: 1 }).state.idf).toEqual(Vectorizer.fit(texts, { features }).state.idf);
    expect(Vectorizer.fit(texts, { features, nb: 0 }, labels).state.idf).toEqual(Vectorizer.fit(texts, { features }).state.idf);
  });
});

describe('margin gates of the rule overrides', () => {
  const probs = (top: EmotionLabel, p: number) => (l: EmotionLabel) => (l === top ? p : (1 - p) / 5);

  it('lets a complaint fact override a neutral model only while the model is unsure', () => {
    const ev = emotionEvidence('it arrived broken');
    const gates = { ...NO_GATES, lexicon: 0.5 };
    expect(combinedLabel(probs('neutral', 0.5), ev, decide(ev), 0, 0.5, gates)).toBe('sadness');
    expect(combinedLabel(probs('neutral', 0.95), ev, decide(ev), 0, 0.5, gates)).toBe('neutral');
    expect(combinedLabel(probs('neutral', 0.95), ev, decide(ev), 0, 0.5, NO_GATES)).toBe('sadness');
  });

  it('lets a complaint fact override a satisfied model that no praise supports', () => {
    const gates = { ...NO_GATES, lexicon: 0.4 };
    const late = emotionEvidence('我的order 12345还没到，等了一个星期了');
    expect(combinedLabel(probs('satisfaction', 0.4), late, decide(late), 0, 0.5, gates)).toBe('anxiety');
    expect(combinedLabel(probs('satisfaction', 0.95), late, decide(late), 0, 0.5, gates)).toBe('satisfaction');
    // Thanks alongside the fact: the customer may well be content.
    const thanked = emotionEvidence('还没到，不过谢谢你们帮我查');
    expect(thanked.scores.satisfaction).toBeGreaterThan(0);
    expect(combinedLabel(probs('satisfaction', 0.4), thanked, decide(thanked), 0, 0.5, gates)).toBe('satisfaction');
  });

  it('reads a turn that only declines as neutral unless the model is sure', () => {
    for (const text of ['不用了', '不需要了，谢谢。', 'No, thank you.', 'no thanks']) {
      const ev = emotionEvidence(text);
      expect(ev.decline).toBe(true);
      expect(ev.cues).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'negation', label: 'neutral' })]));
      expect(combinedLabel(probs('sadness', 0.25), ev, decide(ev), 0, 0.5, { ...NO_GATES, negation: 0.2 })).toBe('neutral');
      expect(combinedLabel(probs('sadness', 0.9), ev, decide(ev), 0, 0.5, { ...NO_GATES, negation: 0.2 })).toBe('sadness');
    }
    for (const text of ['不用了，太失望了', 'no thanks, it is probably just late', '不用谢', '不行']) expect(emotionEvidence(text).decline).toBeUndefined();
  });

  it('reads a bare yes, no or ok as neutral unless a rule fired', () => {
    for (const text of ['nope', 'not yet', 'OK.', '还没有', '对']) {
      const ev = emotionEvidence(text);
      expect(ev.bareAnswer).toBe(true);
      expect(combinedLabel(probs('anger', 0.9), ev, decide(ev))).toBe('neutral');
    }
    // Feeling in the punctuation, or a longer answer: the model and rules decide as usual.
    for (const text of ['no!', 'nope, still broken', '不行']) expect(emotionEvidence(text).bareAnswer).toBeUndefined();
    expect(combinedLabel(probs('anger', 0.9), emotionEvidence('no!'), decide(emotionEvidence('no!')))).toBe('anger');
  });

  it('gates negation separately from facts', () => {
    const ev = emotionEvidence('not happy');
    const confident = probs('satisfaction', 0.9);
    expect(combinedLabel(confident, ev, decide(ev), 0, 0.5, NO_GATES)).toBe('anger');
    expect(combinedLabel(confident, ev, decide(ev), 0, 0.5, { ...NO_GATES, negation: 0.2 })).toBe('satisfaction');
  });

  it('never gates emoji-only turns, and English keeps every override', () => {
    expect(DEFAULT_GATES.zh.emoji).toBe(Infinity);
    expect(DEFAULT_GATES.en).toEqual(NO_GATES);
    expect(createEmotionDetector()('😡😡😡').label).toBe('anger');
  });
});

describe('calibrated confidence (LR + SVM)', () => {
  const rows = [
    { text: 'good good', label: 'pos' }, { text: 'good day', label: 'pos' },
    { text: 'bad day', label: 'neg' }, { text: 'bad bad', label: 'neg' },
  ];
  const fit = { features: { wordNgrams: [1], charMin: 2, charMax: 0, cjkMin: 1, cjkMax: 1 } };

  it('decides on the model temperature and reports probabilities at the calibration temperature', () => {
    const model = TextModel.train(rows, fit, { epochs: 20 });
    model.calibration = 3;
    const { decide: p, calibrated } = model.probabilityPair('good');
    expect(p).toEqual(model.probabilities('good'));
    expect(Math.max(...calibrated)).toBeLessThan(Math.max(...p));
    expect(calibrated.indexOf(Math.max(...calibrated))).toBe(p.indexOf(Math.max(...p)));
  });

  it('keeps the calibration in the model file', () => {
    const model = TextModel.train(rows, fit, { epochs: 20 });
    model.calibration = 1.5;
    const file = join(mkdtempSync(join(tmpdir(), 'calibration-')), 'm.json');
    model.save(file, 'test', 'test');
    expect(TextModel.load(file).calibration).toBe(1.5);
    model.calibration = undefined;
    model.save(file, 'test', 'test');
    expect(TextModel.load(file).calibration).toBeUndefined();
  });

  it('is set in the shipped Chinese model, whose LR + SVM scores are sharper than calibrated', () => {
    expect(TextModel.load(join(MODELS_DIR, 'emotion-zh.json')).calibration).toBeGreaterThan(1);
  });
});
