/**
 * The JavaScript packages `concord eval` compares against, measured in the same run:
 * `natural`'s BayesClassifier and nlp.js for intents, `sentiment` (AFINN) and `natural`'s
 * SentimentAnalyzer for sentiment (mapped to the six emotions for the emotion task).
 */
import natural from 'natural';
import Sentiment from 'sentiment';
import { seededRandom, shuffled } from '../understanding/rng';
import type { LabelledRow } from './eval-csv';
import { hasHan } from '../understanding/han';

/** A trained baseline: text in, label out. */
export type Predictor = (text: string) => string | Promise<string>;

/**
 * Runs `fn` with console.log silenced (nlp.js prints while loading its Chinese dictionary) and
 * without pino's PINODEP008 warning, which nlp.js's logger triggers and `concord eval` users can
 * do nothing about.
 */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  const emitWarning = process.emitWarning;
  console.log = () => undefined;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
    if (code === 'PINODEP008' || (warning instanceof Error && (warning as { code?: string }).code === 'PINODEP008')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return await fn();
  } finally {
    console.log = log;
    process.emitWarning = emitWarning;
  }
}

/** natural's multinomial naive Bayes, trained on seeded-shuffled rows. */
export function trainBayes(train: readonly LabelledRow[]): Predictor {
  const bayes = new natural.BayesClassifier();
  for (const r of shuffled(train, seededRandom(1))) bayes.addDocument(r.text, r.label);
  bayes.train();
  return (text) => bayes.classify(text);
}

interface NlpJs {
  addDocument(locale: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, text: string): Promise<{ intent?: string }>;
  settings: { log?: boolean };
}

/** nlp.js (neural network over stems), English or Chinese by the training data's majority. */
export async function trainNlpJs(train: readonly LabelledRow[], outOfScope = 'oos'): Promise<Predictor> {
  const zh = train.filter((r) => hasHan(r.text)).length > train.length / 2;
  const locale = zh ? 'zh' : 'en';
  const nlp = await quietly(async () => {
    const { containerBootstrap, Nlp, LangEn } = await import('@nlpjs/basic');
    const container = await containerBootstrap();
    container.use(LangEn);
    if (zh) container.use((await import('@nlpjs/lang-zh')).LangZh);
    const n = new Nlp({ languages: [locale], autoSave: false, autoLoad: false, nlu: { log: false }, container }) as unknown as NlpJs;
    n.settings.log = false;
    for (const r of shuffled(train, seededRandom(1))) n.addDocument(locale, r.text, r.label);
    await n.train();
    return n;
  });
  return async (text) => {
    const intent = (await nlp.process(locale, text)).intent;
    return !intent || intent === 'None' ? outOfScope : intent;
  };
}

const afinn = new Sentiment();
const tokenizer = new natural.WordTokenizer();
const analyzer = new natural.SentimentAnalyzer('English', natural.PorterStemmer, 'afinn');

/** Polarity of a score: `negative`, `neutral` or `positive`. */
const polarity = (score: number) => (score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral');

/** The `sentiment` package (AFINN-165 word scores). */
export const afinnSentiment: Predictor = (text) => polarity(afinn.analyze(text).score);

/** natural's SentimentAnalyzer (AFINN, Porter stems). */
export const naturalSentiment: Predictor = (text) => {
  const tokens = tokenizer.tokenize(text) ?? [];
  return polarity(tokens.length ? analyzer.getSentiment(tokens) : 0);
};

/** A sentiment predictor mapped to the six emotions: positive -> satisfaction, negative -> anger. */
export function asEmotion(predict: Predictor): Predictor {
  const map: Record<string, string> = { positive: 'satisfaction', negative: 'anger', neutral: 'neutral' };
  return async (text) => map[await predict(text)];
}
