/**
 * The understanding stage: language, intent (calibrated, with out-of-scope), entities,
 * emotion with cues, and complaint category for one customer turn. `createUnderstanding`
 * trains the intent model from `intents/*.yaml` at start-up.
 */
import { ConcordError } from '../errors';
import { formatDiagnostic } from '../diagnostics';
import { detectCategory } from './category';
import { createEmotionDetector, type EmotionDetector } from './emotion-model';
import { plainQuestion } from './emotion';
import { extractEntities } from './entities';
import { IntentClassifier, type LabelledText } from './intent-classifier';
import { applyIntentRules, humanOverComplaint, moreOfTheProblem, problemOverPolicy, problemOverStatus, sarcasticAssent } from './intent-rules';
import { loadIntentFiles, OUT_OF_SCOPE, type IntentDefinition } from './intents-file';
import { detectLanguage } from './language';
import { simplified } from './simplified';
import { splitRequests } from './requests';
import { createSpelling, englishWords } from './spelling';
import { NEGATIVE_EMOTIONS, type AnalyzeContext, type EmotionResult, type TurnAnalysis, type Understanding } from './types';

export type { IntentDefinition } from './intents-file';
export { loadIntentFiles, loadIntentSources } from './intents-file';
export { createEmotionDetector } from './emotion-model';
export { computeTrajectory } from './trajectory';
export { cacheQuickReplies } from './quick-reply-cache';
export { ModelAssist, type ModelOutcome } from './model-assist';
export { openAiLanguageModel, type LanguageModel } from './llm';
export * from './types';

/** Options of `createUnderstanding`. */
export interface UnderstandingOptions {
  /** Folder holding the intent files. */
  intentsDir: string;
  /** Product names the entity extractor should recognise. */
  products?: string[];
  /** Folder of the shipped model files (default: the repository's `models/`). */
  modelsDir?: string;
  /** Emotion detector to use instead of the shipped model + cue rules. */
  emotion?: EmotionDetector;
  /** Correct misspelt English words before reading the turn (`spelling.ts`); default true. */
  spelling?: boolean;
}

/**
 * Training texts of all intents in both languages, intents in name order: the files
 * ("complaint-status.yaml" before "complaint.yaml") and the published content (by intent name) list
 * them differently, and the same intents must train the same model wherever they come from.
 */
export function trainingExamples(intents: readonly IntentDefinition[]): LabelledText[] {
  const byName = [...intents].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return byName.flatMap((intent) => [...intent.examples.en, ...intent.examples.zh].map((text) => ({ text, label: intent.name })));
}

/** Trains the intent classifier of these intents (synchronous, CPU-bound). */
export function trainIntentClassifier(intents: readonly IntentDefinition[]): IntentClassifier {
  return IntentClassifier.train(trainingExamples(intents), { outOfScopeLabel: OUT_OF_SCOPE });
}

/** Builds an `Understanding` from already loaded intent definitions. */
export function understandingFromIntents(intents: readonly IntentDefinition[], options: Omit<UnderstandingOptions, 'intentsDir'> = {}): Understanding {
  return understandingFromClassifier(trainIntentClassifier(intents), intents, options);
}

/**
 * Intents whose plain questions ask for information or a service: who is answering, whether anyone
 * is there, where an order or a complaint is, whether an order can be changed ("能换个尺码吗"), how
 * the shop works ("你们有实体店吗", "客服电话多少"), how to cancel a membership ("怎么取消自动续费").
 */
const CALM_QUESTION_INTENTS: ReadonlySet<string> = new Set(['bot_identity', 'greeting', 'language', 'order_status', 'order_change', 'complaint_status', 'policy_question', 'membership']);

/** A complaint that asks for a remedy: "能不能直接退款", "can I get a replacement?", "可以换货吗". */
const REMEDY = /(?<![\p{L}])(?:refund|money back|exchange|replacement|replace it|swap it)|退款|退钱|退货|换货|换一个|换个|补发|重发/iu;

/**
 * "你是真人吗？", "有人吗", "你们是机器人吗", "能换个尺码吗", "能不能直接退款" asked of a service read
 * as anger to a model trained on Weibo, where such questions are often jibes; three in a row queued
 * the chat for "anger rising". A short plain question of these intents, or a complaint's plain
 * request for a remedy, with no cue but the model's is neutral in a care turn.
 */
function calmQuestion(text: string, intent: string, felt: EmotionResult): EmotionResult {
  const asks = CALM_QUESTION_INTENTS.has(intent) || (intent === 'complaint' && REMEDY.test(text));
  if (!asks || !NEGATIVE_EMOTIONS.has(felt.label) || felt.cues.some((c) => c.kind !== 'model') || !plainQuestion(text)) return felt;
  return { ...felt, label: 'neutral', intensity: 0 };
}

/** Characters of a message the understanding stage reads (the rest of a very long message is kept, not analysed). */
const MAX_TEXT = 2000;

/** Builds an `Understanding` around an already trained classifier of `intents`. */
export function understandingFromClassifier(classifier: IntentClassifier, intents: readonly IntentDefinition[], options: Omit<UnderstandingOptions, 'intentsDir'> = {}): Understanding {
  const names = intents.map((i) => i.name).filter((n) => n !== OUT_OF_SCOPE).sort();
  const emotion = options.emotion ?? createEmotionDetector({ modelsDir: options.modelsDir });
  const classify = (text: string) => classifier.classify(text);
  const spelling = options.spelling === false ? undefined : createSpelling(trainingExamples(intents).map((e) => e.text), options.products ?? [], englishWords());
  return {
    intents: () => names.slice(),
    analyze(text: string, context: AnalyzeContext = {}): TurnAnalysis {
      const analysis = analyzeText(text, context);
      const requests = splitRequests(text.slice(0, MAX_TEXT), analysis.intent, (piece) => analyzeText(piece, context));
      return requests ? { ...analysis, requests } : analysis;
    },
  };

  function analyzeText(text: string, context: AnalyzeContext): TurnAnalysis {
    const typed = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
    const clipped = simplified(typed);
    // Words are read as meant ("brokn" -> "broken"); entities and the language from what was typed.
    const spelled = spelling?.correct(clipped) ?? clipped;
    const sensed = emotion(spelled, context.careContext);
    const category = detectCategory(spelled);
    const ruled = problemOverPolicy(sarcasticAssent(moreOfTheProblem(spelled, applyIntentRules(spelled, classify(spelled), classify), classify, detectCategory), sensed), sensed);
    const intent = humanOverComplaint(problemOverStatus(ruled, sensed, category), spelled);
    const felt = context.careContext ? calmQuestion(spelled, intent.name, sensed) : sensed;
    return {
      language: detectLanguage(clipped, context.previousLanguage),
      intent,
      entities: extractEntities(clipped, { now: context.now, products: options.products }),
      emotion: felt,
      category,
      ...(spelled !== typed ? { spelled } : {}),
      source: 'local',
    };
  }
}

/**
 * Loads `options.intentsDir` and trains the understanding stage (synchronous, well under 2 s).
 * Throws `ConcordError('intents_invalid')` listing every `file:line: message` when any intent
 * file has an error; warnings are ignored here (`concord validate` shows them).
 */
export function createUnderstanding(options: UnderstandingOptions): Understanding {
  const { intents, diagnostics } = loadIntentFiles(options.intentsDir);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map(formatDiagnostic);
    throw new ConcordError('intents_invalid', `intent files are invalid; fix these and restart:\n${lines.join('\n')}`, { diagnostics: errors });
  }
  return understandingFromIntents(intents, options);
}
