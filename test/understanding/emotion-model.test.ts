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
