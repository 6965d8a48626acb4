import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmotionDetector } from '../../src/understanding/emotion-model';

describe('createEmotionDetector (shipped models + cue rules)', () => {
  const detect = createEmotionDetector();

  it.each([
    ['nobody answers my emails', 'anger'],
    ['it arrived broken', 'sadness'],
    ['I am so happy with the quick help, thank you!', 'satisfaction'],
    ['太好了，又坏了', 'anger'],
    ['not happy at all', 'anger'],
    ['不是很满意', 'anger'],
    ['I am confused, what does this mean?', 'confusion'],
    ['where is my order 12345', 'neutral'],
  ])('%s -> %s', (text, label) => {
    expect(detect(text).label).toBe(label);
  });

  it('reads complaints that state facts as negative', () => {
    for (const text of ['三天了还没到', 'my flight was delayed 3 hours', '客服一直不回复', 'the package never arrived']) {
      const r = detect(text);
      expect(['anger', 'anxiety', 'sadness']).toContain(r.label);
      expect(r.valence).toBeLessThan(0);
    }
  });

  // The models read 'unhappy' and '不满意' by their letters (satisfaction p=0.80 and 0.49) and
  // 'terrible' as fear, as Reddit mostly uses it (anxiety p=0.99).
  it.each([
    ['I am very unhappy', 'sadness'],
    ['我很不满意', 'anger'],
    ['我非常不满意', 'anger'],
    ["I'm dissatisfied with the service", 'anger'],
    ['this is terrible', 'anger'],
  ])('in a care conversation, %s -> %s', (text, label) => {
    const r = detect(text, true);
    expect(r.label).toBe(label);
    expect(r.valence).toBeLessThan(0);
  });

  it('reads "???" in a shouting care turn as exasperation, and alone as a question', () => {
    expect(detect("THIS IS THE THIRD TIME I'M WRITING!!! WHERE IS MY REFUND FOR ORDER 88123???", true).label).toBe('anger');
    expect(detect('what does this mean??', true).label).toBe('confusion');
  });

  it('keeps a negative model label that the turn has a word for', () => {
    expect(detect("I'm worried, this is terrible", true).label).toBe('anxiety');
  });

  it('takes a question about satisfaction (满不满意) as neither praise nor its absence', () => {
    const cues = detect('你们对这个服务满不满意？', true).cues.filter((c) => c.kind !== 'model');
    expect(cues).toEqual([]);
    expect(detect('我对这个服务很不满意', true).cues.map((c) => c.text)).toContain('不满意');
  });

  it('says in the model cue what the model read, also when the rules decided', () => {
    const r = detect('this is terrible', true);
    expect(r.cues.find((c) => c.kind === 'model')).toMatchObject({ label: 'anxiety' });
  });

  it('reports the model as a cue next to the rule cues', () => {
    const cues = detect('THIS IS UNACCEPTABLE!!!').cues.map((c) => c.kind);
    expect(cues).toEqual(expect.arrayContaining(['capitals', 'punctuation', 'model']));
  });

  it('falls back to the rules when no model files exist', () => {
    const rulesOnly = createEmotionDetector({ modelsDir: mkdtempSync(join(tmpdir(), 'models-')) });
    const r = rulesOnly('this is ridiculous!!!');
    expect(r.label).toBe('anger');
    expect(r.cues.some((c) => c.kind === 'model')).toBe(false);
  });
});
