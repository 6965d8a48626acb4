import { createSentimentDetector, ruleSentiment } from '../../src/understanding/sentiment';

describe('sentiment', () => {
  it.each([
    ['my flight was delayed 3 hours', 'negative'],
    ["I can’t log in and nobody answers", 'negative'],
    ['still no refund after 3 weeks', 'negative'],
    ['Thanks, it works now!', 'positive'],
    ['great service, thank you so much', 'positive'],
    ['great, just great, broken again', 'negative'],
    ['do you have flights to Boston tomorrow?', 'neutral'],
    ['can you help me change my email? thanks', 'neutral'],
    ['I got the F1 car in the casino and now its gone.', 'negative'],
    ['why did u take views off of my new video?', 'negative'],
    ['servers are down again for GTA Online', 'negative'],
    ["surprised that this hasn't been resolved yet. Please fix", 'negative'],
    ['I really want this problem to be fixed', 'negative'],
    ['Someone signed into my Gmail from South Korea so that’s comforting 🙃', 'negative'],
  ])('English %s -> %s', (text, label) => {
    expect(ruleSentiment(text).label).toBe(label);
  });

  it('reads Chinese reviews with the shipped model', () => {
    const detect = createSentimentDetector();
    expect(detect('房间很干净，服务很好，下次还来').label).toBe('positive');
    expect(detect('送餐太慢了，饭都凉了，再也不点了').label).toBe('negative');
    expect(detect('送餐太慢了').score).toBeLessThan(0);
  });
});
