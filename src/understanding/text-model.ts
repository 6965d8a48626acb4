/**
 * A trained text classifier as one unit: the vectorizer and the linear model, saved together
 * as one JSON model file (weights rounded and near-zero features pruned to keep files small).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { LinearModel, balancedClassWeights, softmax, type LinearModelState, type TrainOptions } from './linear-model';
import { Vectorizer, type FitOptions, type VectorizerState } from './vectorizer';

/** The JSON content of a model file. */
export interface TextModelFile {
  kind: string;
  /** Where the training data came from and its licence. */
  source: string;
  vectorizer: VectorizerState;
  model: LinearModelState;
  /**
   * Temperature of the probabilities reported as confidence (`calibrated`), when the model's own
   * (`model.temperature`, used to decide) is not calibrated; absent = the same.
   */
  calibration?: number;
}

/** Vectorizer + linear model. */
export class TextModel {
  constructor(readonly vectorizer: Vectorizer, readonly model: LinearModel, public calibration?: number) {}

  /**
   * Trains on labelled texts. `balance` > 0 weighs each class's loss by its inverse frequency
   * raised to that power (1 = fully balanced, 0.5 = half way; default 0 = unweighted).
   */
  static train(rows: readonly { text: string; label: string }[], fit: FitOptions, train: TrainOptions, balance = 0): TextModel {
    const vectorizer = Vectorizer.fit(rows.map((r) => r.text), fit, rows.map((r) => r.label));
    const labels = [...new Set(rows.map((r) => r.label))].sort();
    const xs = rows.map((r) => vectorizer.transform(r.text));
    const ys = rows.map((r) => labels.indexOf(r.label));
    const classWeights = balance > 0 ? balancedClassWeights(ys, labels.length, balance) : undefined;
    const model = LinearModel.train(xs, ys, labels, vectorizer.size, { ...train, classWeights });
    return new TextModel(vectorizer, model);
  }

  /** Labels in the order of `probabilities`. */
  get labels(): string[] {
    return this.model.labels;
  }

  /** Class probabilities of `text`. */
  probabilities(text: string): number[] {
    return this.model.probabilities(this.vectorizer.transform(text));
  }

  /** Decision probabilities and calibrated probabilities of `text` (one vector lookup). */
  probabilityPair(text: string): { decide: number[]; calibrated: number[] } {
    const scores = this.scores(text);
    const decide = softmax(scores, this.model.temperature);
    return { decide, calibrated: this.calibration === undefined ? decide : softmax(scores, this.calibration) };
  }

  /** Raw class scores of `text`. */
  scores(text: string): Float64Array {
    return this.model.scores(this.vectorizer.transform(text));
  }

  /** Writes the model file, dropping features whose weights are all below `prune`. */
  save(file: string, kind: string, source: string, prune = 0.05): void {
    const k = this.model.labels.length;
    const keep: number[] = [];
    for (let f = 0; f < this.model.dim; f++) {
      let max = 0;
      for (let c = 0; c < k; c++) max = Math.max(max, Math.abs(this.model.weights[f * k + c]));
      if (max >= prune) keep.push(f);
    }
    const weights: number[] = [];
    for (const f of keep) for (let c = 0; c < k; c++) weights.push(Math.round(this.model.weights[f * k + c] * 1e3) / 1e3);
    const state = this.vectorizer.state;
    const vectorizer: VectorizerState = { ...state, vocab: keep.map((f) => state.vocab[f]), idf: keep.map((f) => Math.round(state.idf[f] * 1e4) / 1e4) };
    const model: LinearModelState = { ...this.model.toState(), dim: keep.length, weights, bias: Array.from(this.model.bias, (b) => Math.round(b * 1e4) / 1e4) };
    const out: TextModelFile = { kind, source, vectorizer, model, ...(this.calibration === undefined ? {} : { calibration: this.calibration }) };
    writeFileSync(file, JSON.stringify(out));
  }

  /** Loads a model file written by `save`. */
  static load(file: string): TextModel {
    const data = JSON.parse(readFileSync(file, 'utf8')) as TextModelFile;
    return new TextModel(new Vectorizer(data.vectorizer), LinearModel.fromState(data.model), data.calibration);
  }
}
