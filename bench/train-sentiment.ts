/**
 * Trains Plaza's Spanish sentiment model (core/sentiment-model.ts) on the texts written for Plaza in
 * core/sentiment-train/*.jsonl, chooses the settings by 5-fold cross-validation on them and by
 * Plaza's own dev sets, and with `--write` saves core/sentiment-model-es.json.
 *
 *   node bin/run-ts.mjs bench/train-sentiment.ts [--write]
 *
 * shared/eval is never read here: it is for measuring only (`npm run eval:sentiment`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLexiconSentiment, type SentimentLabel } from '../src/modules/listening/core/sentiment.ts';
import { accuracy, macroF1 as macroF1WithClasses } from './sentiment-metrics.ts';
import { createModelSentiment, MODEL_LABELS, modelFeatures, trainModel, type SentimentModel } from '../src/modules/listening/core/sentiment-model.ts';

interface Item { text: string; label: SentimentLabel; lang?: string }
const core = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../src/modules/listening/core');
const readJsonl = (file: string): Item[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item);

const trainDir = path.join(core, 'sentiment-train');
const trainFiles = readdirSync(trainDir).filter((f) => f.endsWith('.jsonl')).sort();
const train = trainFiles.flatMap((f) => readJsonl(path.join(trainDir, f))).filter((i) => MODEL_LABELS.includes(i.label));
const devThree = readJsonl(path.join(core, 'sentiment-dev.jsonl')).filter((i) => i.lang === 'es');
const devReviews = readJsonl(path.join(core, 'sentiment-dev-reviews-es.jsonl'));

const lexicon = createLexiconSentiment();
const macroF1 = (gold: SentimentLabel[], predicted: SentimentLabel[]) => macroF1WithClasses(gold, predicted).value;
const example = (item: Item) => ({ features: modelFeatures(item.text, lexicon.analyze(item.text, 'es').score), label: item.label });
const trainExamples = train.map(example);

function devScores(model: SentimentModel): { three: number; reviews: number } {
  const provider = createModelSentiment(lexicon, model);
  return {
    three: macroF1(devThree.map((i) => i.label), devThree.map((i) => provider.analyze(i.text, 'es').label)),
    reviews: accuracy(devReviews.map((i) => i.label), devReviews.map((i) => provider.analyze(i.text, 'es').label)),
  };
}

function crossValidate(options: { epochs: number; l2: number }, folds = 5): number {
  const scores: number[] = [];
  for (let f = 0; f < folds; f++) {
    const fit = trainExamples.filter((_, i) => i % folds !== f);
    const held = trainExamples.filter((_, i) => i % folds === f);
    const model = trainModel(fit, options);
    const provider = createModelSentiment(lexicon, model);
    const heldItems = train.filter((_, i) => i % folds === f);
    scores.push(macroF1(held.map((e) => e.label), heldItems.map((i) => provider.analyze(i.text, 'es').label)));
  }
  return scores.reduce((a, b) => a + b, 0) / folds;
}

const counts = Object.fromEntries(MODEL_LABELS.map((l) => [l, train.filter((i) => i.label === l).length]));
console.log(`training texts: ${train.length} (${JSON.stringify(counts)}) from ${trainFiles.join(', ')}`);
const lexiconOnly = {
  three: macroF1(devThree.map((i) => i.label), devThree.map((i) => lexicon.analyze(i.text, 'es').label)),
  reviews: accuracy(devReviews.map((i) => i.label), devReviews.map((i) => lexicon.analyze(i.text, 'es').label)),
};
console.log(`lexicon alone: dev es macro-F1 ${lexiconOnly.three.toFixed(3)}, reviews accuracy ${lexiconOnly.reviews.toFixed(3)}`);

let best: { epochs: number; l2: number; objective: number } | null = null;
for (const epochs of [6, 12]) {
  for (const l2 of [3e-3, 1e-2, 3e-2, 1e-1]) {
    const cv = crossValidate({ epochs, l2 });
    const dev = devScores(trainModel(trainExamples, { epochs, l2 }));
    // Cross-validation on the training texts and Plaza's dev sets weigh the same.
    const objective = (cv + dev.three + dev.reviews) / 3;
    console.log(`epochs ${epochs}, l2 ${l2}: cv macro-F1 ${cv.toFixed(3)}, dev es macro-F1 ${dev.three.toFixed(3)}, reviews accuracy ${dev.reviews.toFixed(3)}`);
    if (!best || objective > best.objective) best = { epochs, l2, objective };
  }
}
console.log(`chosen: epochs ${best!.epochs}, l2 ${best!.l2}`);

if (process.argv.includes('--write')) {
  const model = trainModel(trainExamples, { epochs: best!.epochs, l2: best!.l2 });
  model.trainedOn = { items: train.length, files: trainFiles, epochs: best!.epochs, l2: best!.l2 };
  const file = path.join(core, 'sentiment-model-es.json');
  writeFileSync(file, JSON.stringify(model) + '\n');
  console.log(`wrote ${file}: ${Object.keys(model.weights).length} features`);
}
