/**
 * Builds the optional `ModelAssist` from the settings (`OPENAI_*`): absent without an API key.
 */
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { openAiLanguageModel } from './llm';
import { ModelAssist } from './model-assist';

export interface AssistDeps {
  /** Intent names the local classifier knows now (the model chooses among them or `oos`); asked per call, as admins publish intents. */
  intents: () => readonly string[];
  clock: Clock;
  metrics: Metrics;
  log: Logger;
}

export function createModelAssist(settings: Config['openai'], deps: AssistDeps): ModelAssist | undefined {
  if (!settings) return undefined;
  const model = openAiLanguageModel(settings);
  deps.log.info({ model: settings.model, timeoutMs: settings.timeoutMs }, 'language model enabled for unsure turns');
  return new ModelAssist({
    model,
    intents: deps.intents,
    timeoutMs: settings.timeoutMs,
    clock: deps.clock,
    onOutcome: (outcome) => deps.metrics.modelCalls.inc({ outcome }),
    onCircuitOpen: () => deps.log.warn({ model: settings.model }, 'language model failing; skipping it for a while (local results only)'),
  });
}
