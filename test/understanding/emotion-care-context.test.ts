import { join } from 'path';
import { loadIntentFiles, understandingFromIntents } from '../../src/understanding';
import { decide, detectEmotion, emotionEvidence } from '../../src/understanding/emotion';
import { combinedLabel } from '../../src/understanding/emotion-model';
import type { EmotionLabel } from '../../src/understanding/types';

/** A model that reads `text` as neutral with 80% (a margin of 0.7 over every other label). */
const neutralModel = (l: EmotionLabel) => (l === 'neutral' ? 0.8 : 0.04);
const combined = (text: string) => {
  const ev = emotionEvidence(text);
  return combinedLabel(neutralModel, ev, decide(ev));
};

describe('ambiguous complaint facts and threat mentions need a customer-care context (English)', () => {
  it('lets ambiguous facts override a neutral model only in turns about a purchase or the service', () => {
    expect(combined('still waiting for my refund')).toBe('anxiety');
    expect(combined('the parcel was late again')).toBe('anxiety');
    expect(combined('I lost my password and cannot log in')).toBe('sadness');
    expect(combined('we were still waiting for the bus')).toBe('neutral');
    expect(combined('I was late to class again')).toBe('neutral');
    expect(combined('we lost the final on penalties')).toBe('neutral');
  });

  it('lets unambiguous complaint facts override anywhere', () => {
    expect(combined('nobody answers')).toBe('anger');
    expect(combined('wrong size')).toBe('anger');
  });

  it('keeps the facts as rule scores and cues outside care context', () => {
    const ev = emotionEvidence('I was late to class again');
    expect(ev.scores.anxiety).toBeGreaterThan(0);
    expect(ev.cues.map((c) => c.text)).toContain('late');
    expect(ev.facts.anxiety).toBe(0);
  });

  it('treats a threat mention as a fact in care context or when the speaker announces it', () => {
    expect(combined('my sister is a lawyer')).toBe('neutral');
    expect(combined('I saw it on twitter yesterday')).toBe('neutral');
    expect(combined('fix order 48213 or this goes on twitter')).toBe('anger');
    expect(combined("I'm going to post this on twitter")).toBe('anger');
    expect(combined('I will sue you')).toBe('anger');
    expect(combined('expect a chargeback')).toBe('anger');
    // The threat cue stays for the handoff triggers either way.
    expect(emotionEvidence('my sister is a lawyer').cues.map((c) => c.kind)).toContain('threat');
  });

  it('leaves sarcasm and Chinese facts and threats as they were', () => {
    const sincere = (l: EmotionLabel) => (l === 'satisfaction' ? 0.9 : 0.02);
    const ev = emotionEvidence('great, it broke again');
    expect(combinedLabel(sincere, ev, decide(ev))).toBe('anger');
    expect(emotionEvidence('三天了还没到').facts.anxiety).toBeGreaterThan(0);
    expect(emotionEvidence('我要投诉到消协').facts.anger).toBeGreaterThan(0);
  });
});

describe('English negation ends at its clause', () => {
  it('does not carry "no" or "didn\'t" across punctuation or "but"', () => {
    for (const text of ['No, but thanks for the help', "I didn't know that! Thanks!", 'Nope. Happy to help though']) {
      expect(detectEmotion(text).label).toBe('satisfaction');
      expect(emotionEvidence(text).cues.map((c) => c.kind)).not.toContain('negation');
    }
  });

  it('still reads negation inside the clause', () => {
    expect(detectEmotion('I am not happy at all').label).toBe('anger');
    expect(detectEmotion('this is not good').label).toBe('anger');
  });
});

describe('a customer-care conversation is care context for every turn', () => {
  it('reads short complaint facts that name no order as complaints when the caller says so', () => {
    for (const text of ['still waiting!!!', 'it is late again']) {
      const bare = emotionEvidence(text);
      const inCare = emotionEvidence(text, true);
      expect(bare.facts.anxiety).toBe(0);
      expect(inCare.facts.anxiety).toBeGreaterThan(0);
      expect(combinedLabel(neutralModel, inCare, decide(inCare))).toBe('anxiety');
    }
  });

  it('passes the context through the understanding stage', () => {
    const understanding = understandingFromIntents(loadIntentFiles(join(__dirname, '../../intents')).intents);
    expect(understanding.analyze('still waiting!!!').emotion.label).toBe('neutral');
    expect(understanding.analyze('still waiting!!!', { careContext: true }).emotion.label).toBe('anxiety');
  });
});

describe('a device that broke or died is a problem fact in a care turn', () => {
  const facts = (text: string) => emotionEvidence(text, true).cues.filter((c) => c.fact).map((c) => c.text);
  it('reads "broke", "died after" and "is dead" as facts, and not "I\'m broke" or "broke up"', () => {
    expect(facts('my headphones broke')).toEqual(['broke']);
    expect(facts('it broke down after two days')).toEqual(['broke down']);
    expect(facts('my earbuds died after a week')).toEqual(['died after']);
    expect(facts('the charger is dead')).toEqual(['is dead']);
    for (const text of ["I'm broke", 'he broke up with me', 'I am broke until Friday']) expect([text, facts(text)]).toEqual([text, []]);
  });
});
