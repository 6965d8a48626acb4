import { isWithdrawal } from '../../src/handoff/withdrawal';
import type { EmotionCue } from '../../src/understanding/types';

const analysis = (...kinds: EmotionCue['kind'][]) => ({ emotion: { label: 'neutral' as const, intensity: 0, valence: 0, cues: kinds.map((kind) => ({ kind, text: 'x' })) } });

describe('isWithdrawal: a queued customer who no longer needs a person', () => {
  it.each([
    'never mind, I figured it out', 'nevermind', 'ok thanks, it\'s fine now', 'forget it', 'no need anymore',
    "I don't need a human anymore", 'the problem is solved now, thanks', 'cancel the transfer',
    '算了，不用了', '我自己解决了，谢谢', '不用转了', '没事了，谢谢', '已经解决了', '算了，不用了，我自己处理吧', "never mind, I'll sort it myself",
  ])('withdraws: %s', (text) => {
    expect(isWithdrawal(text, analysis('model'))).toBe(true);
  });

  it.each([
    'never mind, my parcel still hasn\'t arrived', 'no need for the bot, I need a human', 'hello?', 'this is taking forever',
    '算了，我直接去12315投诉', '不用了？你们到底管不管', '在吗', 'fine', '',
  ])('stays queued: %s', (text) => {
    expect(isWithdrawal(text, analysis('model'))).toBe(false);
  });

  it('stays queued on a threat or profanity, whatever the words', () => {
    expect(isWithdrawal('forget it', analysis('threat'))).toBe(false);
    expect(isWithdrawal('never mind', analysis('profanity'))).toBe(false);
  });
});
