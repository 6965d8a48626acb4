import { IntentClassifier, type LabelledText } from '../../src/understanding/intent-classifier';
import { crossValidatedThreshold, oosTradeOff } from '../../src/understanding/oos-threshold';

const rows = (label: string, texts: string[]): LabelledText[] => texts.map((text) => ({ text, label }));
const DATA: LabelledText[] = [
  ...rows('refund', ['i want a refund', 'refund my money please', 'give me my money back', 'how do i get a refund', 'refund the order', 'money back now', '我要退款', '请给我退款']),
  ...rows('track', ['where is my parcel', 'track my order', 'where is my package', 'when will my order arrive', 'parcel tracking', 'has my order shipped', '我的快递到哪了', '包裹在哪']),
  ...rows('card', ['my card was declined', 'card not working', 'card blocked', 'why was my card declined', 'new card please', 'my card is lost', '卡被锁了', '银行卡不能用']),
  ...rows('oos', ['what is the weather', 'tell me a joke', 'who won the game', 'play some music', 'how tall is everest', 'recipe for pancakes', '讲个笑话', '今天天气怎么样']),
];

describe('one-vs-rest SVM intent model', () => {
  it('learns a small problem in both languages, deterministically', () => {
    const a = IntentClassifier.train(DATA, { algorithm: 'svm', calibrationFolds: 0, threshold: 0 });
    const b = IntentClassifier.train(DATA, { algorithm: 'svm', calibrationFolds: 0, threshold: 0 });
    for (const [text, label] of [['refund please', 'refund'], ['where is my order', 'track'], ['my card got declined', 'card'], ['我的包裹到哪了', 'track']]) {
      expect(a.classify(text).name).toBe(label);
    }
    expect(Array.from(a.scores('refund please'))).toEqual(Array.from(b.scores('refund please')));
  });
});

describe('crossValidatedThreshold', () => {
  it('measures the in-scope / oos trade-off of out-of-fold outcomes', () => {
    const outcomes = [
      { gold: 'a', best: 'a', confidence: 0.9 }, { gold: 'a', best: 'b', confidence: 0.3 },
      { gold: 'oos', best: 'a', confidence: 0.2 }, { gold: 'oos', best: 'oos', confidence: 0.8 },
    ];
    expect(oosTradeOff(outcomes, 0)).toEqual({ inScope: 0.5, oosRecall: 0.5 });
    expect(oosTradeOff(outcomes, 0.25)).toEqual({ inScope: 0.5, oosRecall: 1 });
  });

  it('chooses a threshold from the training data alone', () => {
    const t = crossValidatedThreshold(DATA, { outOfScopeLabel: 'oos' }, { folds: 2, targetOosRecall: 0.5 });
    expect(t).toBeGreaterThanOrEqual(0);
    expect(t).toBeLessThanOrEqual(0.9);
  });
});
