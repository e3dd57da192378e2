/**
 * Trains Plaza's Spanish sentiment model (core/sentiment-model.ts) on the texts written for Plaza in
 * datasets/sentiment/train/*.jsonl, chooses the settings by 5-fold cross-validation on them and by
 * Plaza's own dev sets, and with `--write` saves core/sentiment-model-es.json.
 *
 *   node bin/run-ts.mjs tools/train-sentiment.ts [--write] [--quick]
 *
 * `--quick` tries fewer settings (a first look while writing training texts).
 *
 * shared/eval is never read here: it is for measuring only (`npm run eval:sentiment`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLexiconSentiment, type SentimentLabel } from '../src/modules/listening/core/sentiment.ts';
import { accuracy, macroF1 as macroF1WithClasses } from './sentiment-metrics.ts';
import {
  createModelSentiment,
  MODEL_LABELS,
  modelFeatures,
  trainModel,
  type FeatureOptions,
  type SentimentModel,
} from '../src/modules/listening/core/sentiment-model.ts';

interface Item {
  text: string;
  label: SentimentLabel;
  lang?: string;
}
const here = path.dirname(new URL(import.meta.url).pathname);
const core = path.resolve(here, '../src/modules/listening/core');
const data = path.resolve(here, '../datasets/sentiment');
const readJsonl = (file: string): Item[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);

const trainDir = path.join(data, 'train');
const trainFiles = readdirSync(trainDir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();
const train = trainFiles.flatMap((f) => readJsonl(path.join(trainDir, f))).filter((i) => MODEL_LABELS.includes(i.label));
const devThree = readJsonl(path.join(data, 'dev.jsonl')).filter((i) => i.lang === 'es');
const devReviews = readJsonl(path.join(data, 'dev-reviews-es.jsonl'));
// Political posts written for Plaza by a writer who did not write training texts; held out from training.
const devPolitics = readJsonl(path.join(data, 'dev-politics-es.jsonl'));

const lexicon = createLexiconSentiment();
const macroF1 = (gold: SentimentLabel[], predicted: SentimentLabel[]) => macroF1WithClasses(gold, predicted).value;
const lexiconScores = train.map((item) => lexicon.analyze(item.text, 'es').score);
const examplesWith = (features: FeatureOptions) =>
  train.map((item, i) => ({ features: modelFeatures(item.text, lexiconScores[i], features), label: item.label }));

interface DevScores {
  three: number;
  reviews: number;
  politics: number;
}
function devScores(model: SentimentModel): DevScores {
  const provider = createModelSentiment(lexicon, model);
  const f1 = (items: Item[]) =>
    macroF1(
      items.map((i) => i.label),
      items.map((i) => provider.analyze(i.text, 'es').label),
    );
  return {
    three: f1(devThree),
    reviews: accuracy(
      devReviews.map((i) => i.label),
      devReviews.map((i) => provider.analyze(i.text, 'es').label),
    ),
    politics: f1(devPolitics),
  };
}

function crossValidate(
  trainExamples: ReturnType<typeof examplesWith>,
  options: { epochs: number; l2: number; features: FeatureOptions },
  folds = 5,
): number {
  const scores: number[] = [];
  for (let f = 0; f < folds; f++) {
    const fit = trainExamples.filter((_, i) => i % folds !== f);
    const held = trainExamples.filter((_, i) => i % folds === f);
    const model = { ...trainModel(fit, options), features: options.features };
    const provider = createModelSentiment(lexicon, model);
    const heldItems = train.filter((_, i) => i % folds === f);
    scores.push(
      macroF1(
        held.map((e) => e.label),
        heldItems.map((i) => provider.analyze(i.text, 'es').label),
      ),
    );
  }
  return scores.reduce((a, b) => a + b, 0) / folds;
}

const counts = Object.fromEntries(MODEL_LABELS.map((l) => [l, train.filter((i) => i.label === l).length]));
console.log(`training texts: ${train.length} (${JSON.stringify(counts)}) from ${trainFiles.join(', ')}`);
const lexiconF1 = (items: Item[]) =>
  macroF1(
    items.map((i) => i.label),
    items.map((i) => lexicon.analyze(i.text, 'es').label),
  );
const lexiconReviews = accuracy(
  devReviews.map((i) => i.label),
  devReviews.map((i) => lexicon.analyze(i.text, 'es').label),
);
console.log(
  `lexicon alone: dev es macro-F1 ${lexiconF1(devThree).toFixed(3)}, reviews accuracy ${lexiconReviews.toFixed(3)}, politics macro-F1 ${lexiconF1(devPolitics).toFixed(3)}`,
);

const FEATURE_VARIANTS: Array<{ name: string; features: FeatureOptions }> = [
  { name: 'words', features: {} },
  { name: 'words+stems', features: { stems: true } },
];
const quick = process.argv.includes('--quick');
let best: { epochs: number; l2: number; features: FeatureOptions; name: string; objective: number } | null = null;
for (const variant of FEATURE_VARIANTS) {
  const trainExamples = examplesWith(variant.features);
  for (const epochs of quick ? [12] : [6, 12]) {
    for (const l2 of quick ? [3e-2, 1e-1] : [3e-3, 1e-2, 3e-2, 1e-1]) {
      const options = { epochs, l2, features: variant.features };
      const cv = crossValidate(trainExamples, options);
      const dev = devScores({ ...trainModel(trainExamples, options), features: variant.features });
      // Cross-validation on the training texts and each of Plaza's dev sets weigh the same.
      const objective = (cv + dev.three + dev.reviews + dev.politics) / 4;
      console.log(
        `${variant.name}, epochs ${epochs}, l2 ${l2}: cv macro-F1 ${cv.toFixed(3)}, dev es macro-F1 ${dev.three.toFixed(3)}, reviews accuracy ${dev.reviews.toFixed(3)}, politics macro-F1 ${dev.politics.toFixed(3)} → ${objective.toFixed(4)}`,
      );
      if (!best || objective > best.objective) best = { epochs, l2, features: variant.features, name: variant.name, objective };
    }
  }
}
console.log(`chosen: ${best!.name}, epochs ${best!.epochs}, l2 ${best!.l2}`);

if (process.argv.includes('--write')) {
  const model: SentimentModel = { ...trainModel(examplesWith(best!.features), best!), features: best!.features };
  model.trainedOn = { items: train.length, files: trainFiles, epochs: best!.epochs, l2: best!.l2 };
  const file = path.join(core, 'sentiment-model-es.json');
  writeFileSync(file, `${JSON.stringify(model)}\n`);
  console.log(`wrote ${file}: ${Object.keys(model.weights).length} features`);
}
