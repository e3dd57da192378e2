/** Scores shared by the sentiment evaluation (eval-sentiment.ts) and training (train-sentiment.ts) scripts. */
import type { SentimentLabel } from '../src/modules/listening/core/sentiment.ts';

export const LABELS: SentimentLabel[] = ['positive', 'neutral', 'negative'];

/** Macro-averaged F1 over the three labels, with each label's F1. */
export function macroF1(gold: SentimentLabel[], predicted: SentimentLabel[]): { value: number; perClass: Record<string, number> } {
  const perClass: Record<string, number> = {};
  for (const label of LABELS) {
    let tp = 0,
      fp = 0,
      fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === label && gold[i] === label) tp++;
      else if (predicted[i] === label) fp++;
      else if (gold[i] === label) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    perClass[label] = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  const value = LABELS.reduce((sum, l) => sum + perClass[l], 0) / LABELS.length;
  return { value, perClass };
}

/** Share of exact matches. */
export function accuracy(gold: SentimentLabel[], predicted: SentimentLabel[]): number {
  return gold.filter((g, i) => g === predicted[i]).length / gold.length;
}
