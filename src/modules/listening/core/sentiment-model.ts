/**
 * A small trained sentiment model for Spanish: multinomial logistic regression over word unigrams,
 * bigrams and (optionally) Snowball stems, with negation scope marked as in Pang & Lee's classic
 * setup, plus the lexicon provider's own score as features. The lexicon reads opinion words; the model adds what word lists
 * cannot: which wordings are announcements (neutral) and which facts imply a judgement ("nos dieron
 * una habitación interior").
 *
 * Trained offline by `tools/train-sentiment.ts` on texts written for Plaza
 * (`datasets/sentiment/train/*.jsonl`), never on shared/eval; the weights ship in
 * `core/sentiment-model-es.json`, so nothing is downloaded at run time.
 */
import { readFileSync } from 'node:fs';
import { createLexiconSentiment, spanishStemmer, type SentimentLabel, type SentimentProvider, type SentimentResult } from './sentiment.ts';
import { expandHashtags, foldText, splitUrls, wordTokens, collapseElongationToOne } from './tokenize.ts';

export const MODEL_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** The weights as stored: feature → one weight per label (in MODEL_LABELS order). */
export interface SentimentModel {
  version: 1;
  lang: string;
  bias: number[];
  weights: Record<string, number[]>;
  /** Which optional features the model was trained with (inference must compute the same). */
  features?: FeatureOptions;
  /** Training summary, for people reading the file. */
  trainedOn?: { items: number; files: string[]; epochs: number; l2: number };
}

/** Optional feature families, chosen at training time by cross-validation. */
export interface FeatureOptions {
  /** Snowball stems of the words (`s:…`), so that "mentiras", "mentira" and "mentir" share weight. */
  stems?: boolean;
}

const NEGATORS = new Set(['no', 'nunca', 'jamas', 'ni', 'tampoco', 'nada', 'nadie', 'sin', 'ningun', 'ninguno', 'ninguna']);
const NEGATION_SCOPE = 3;

/** "mal/malo…" and the positive word a denied one means ("no está nada mal" = "está bien"). */
const LITOTES_OPPOSITE: ReadonlyMap<string, string> = new Map([
  ['mal', 'bien'],
  ['malo', 'bueno'],
  ['mala', 'buena'],
  ['malos', 'buenos'],
  ['malas', 'buenas'],
]);
/** Negators that open a litotes ("no", "nunca"…), and "nada", which also does on its own ("nada mal"). */
const LITOTES_NEGATORS = new Set(['no', 'nunca', 'jamas', 'tampoco', 'nada']);
/** Words allowed between the negator and "mal": copulas, "nada", "tan", "para nada", a clitic. */
const LITOTES_FILLERS = new Set(
  'esta estan estaba estaban estuvo estuvieron es son era eran fue fueron sera seria ha han habia sido estado parece parecio queda quedo me nos le les lo la nada tan tampoco para'.split(
    ' ',
  ),
);

/** Set in a text's features when it holds a litotes. */
export const LITOTES_FEATURE = 'has:litotes';

/**
 * Double negation (litotes): "no está nada mal", "no es nada malo", "no está mal", "nada mal" mean
 * "está bien" / "es bueno". The lexicon reads them as positive, but the model's negation-marked
 * word features see "no" + "mal" and vote negative (its training texts have few litotes), so the
 * denial is rewritten into the positive word it means before features are taken. Returns `words`
 * itself when there is nothing to rewrite (the usual case: one scan, no copy).
 */
export function rewriteLitotes(words: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < words.length; i++) {
    const opposite = LITOTES_OPPOSITE.get(words[i]);
    if (opposite === undefined) continue;
    // Walk back over fillers to the negator that opens the denial, within 4 words.
    let start = -1;
    for (let back = 1; back <= 4 && i - back >= 0; back++) {
      const word = words[i - back];
      if (LITOTES_NEGATORS.has(word)) start = i - back;
      if (!LITOTES_FILLERS.has(word) && !LITOTES_NEGATORS.has(word)) break;
    }
    if (start < 0) continue;
    out ??= [...words];
    // Negators and "tan"/"para" of the denial go; copulas stay. "nada" makes it emphatic:
    // "no está nada mal" → "está muy bien", "no está mal" → "está bien".
    for (let k = start; k < i; k++) {
      if (words[k] === 'nada') out[k] = 'muy';
      else if (LITOTES_NEGATORS.has(words[k]) || words[k] === 'tan' || words[k] === 'para') out[k] = '';
    }
    out[i] = opposite;
  }
  return out ? out.filter((word) => word !== '') : words;
}

/** Features of one text: words, word pairs, negation-marked words, punctuation cues and the lexicon score. */
export function modelFeatures(text: string, lexiconScore: number, options: FeatureOptions = {}): Map<string, number> {
  const features = new Map<string, number>();
  const add = (name: string, value = 1) => features.set(name, (features.get(name) ?? 0) + value);
  const { rest, urls } = splitUrls(text);
  if (urls.length > 0) add('has:url');
  if (rest.includes('?')) add('has:question');
  if (rest.includes('!')) add('has:exclamation');
  const tokens = wordTokens(foldText(expandHashtags(rest))).map((token) => {
    if (token.startsWith('@')) return '@user';
    if (/^\d+$/.test(token)) return '0';
    return collapseElongationToOne(token);
  });
  const words = rewriteLitotes(tokens);
  // A marker only (no weight in the model): createModelSentiment reads it.
  if (words !== tokens) add(LITOTES_FEATURE);
  const stemmer = options.stems ? spanishStemmer() : null;
  let negatedFor = 0;
  let previous = '<s>';
  for (const word of words) {
    add(negatedFor > 0 ? `w:not_${word}` : `w:${word}`);
    if (stemmer && word.length > 3 && !word.startsWith('@'))
      add(negatedFor > 0 ? `s:not_${stemmer.stemWord(word)}` : `s:${stemmer.stemWord(word)}`);
    add(`b:${previous} ${word}`);
    previous = word;
    if (NEGATORS.has(word)) negatedFor = NEGATION_SCOPE;
    else if (negatedFor > 0) negatedFor--;
  }
  add(`b:${previous} </s>`);
  // The lexicon's verdict as features: its score, and its sign as an indicator.
  add('lex:score', lexiconScore);
  add(lexiconScore >= 0.25 ? 'lex:positive' : lexiconScore <= -0.25 ? 'lex:negative' : 'lex:neutral');
  return features;
}

/** Probabilities per label (MODEL_LABELS order). */
export function predict(model: SentimentModel, features: Map<string, number>): number[] {
  const logits = [...model.bias];
  for (const [name, value] of features) {
    const w = model.weights[name];
    if (!w) continue;
    for (let k = 0; k < logits.length; k++) logits[k] += w[k] * value;
  }
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Training options of {@link trainModel}. */
export interface TrainOptions {
  epochs?: number;
  /** L2 penalty per example step on word features; the few lexicon and punctuation features are not penalized. */
  l2?: number;
  learningRate?: number;
  /** Seed for the example order. */
  seed?: number;
  /** Features seen fewer times than this in training are dropped (smaller file, less noise). */
  minCount?: number;
}

/** Trains the model with plain SGD on the softmax loss (small data: a few thousand texts). */
export function trainModel(
  examples: Array<{ features: Map<string, number>; label: SentimentLabel }>,
  options: TrainOptions = {},
): SentimentModel {
  const epochs = options.epochs ?? 12;
  const l2 = options.l2 ?? 1e-4;
  const rate = options.learningRate ?? 0.2;
  const minCount = options.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const e of examples) for (const name of e.features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const model: SentimentModel = { version: 1, lang: 'es', bias: MODEL_LABELS.map(() => 0), weights: {} };
  for (const [name, count] of counts) if (count >= minCount || name.startsWith('lex:')) model.weights[name] = MODEL_LABELS.map(() => 0);
  let seed = options.seed ?? 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const step = rate / (1 + epoch * 0.5);
    for (const index of order) {
      const { features, label } = examples[index];
      const p = predict(model, features);
      const target = MODEL_LABELS.indexOf(label);
      for (let k = 0; k < p.length; k++) {
        const gradient = p[k] - (k === target ? 1 : 0);
        model.bias[k] -= step * gradient;
        for (const [name, value] of features) {
          const w = model.weights[name];
          if (!w) continue;
          // Word features are many and each is seen a few times: shrink them, so that a topic word
          // ("producto") cannot outvote the lexicon's reading of "me encanta".
          const penalty = name.charCodeAt(1) === 58 /* "w:", "b:" or "s:" */ ? l2 : 0;
          w[k] -= step * (gradient * value + penalty * w[k]);
        }
      }
    }
  }
  // Rounded weights keep the shipped file small; weights that round to zero are dropped.
  for (const [name, w] of Object.entries(model.weights)) {
    const rounded = w.map((x) => Math.round(x * 1000) / 1000);
    if (rounded.every((x) => x === 0)) delete model.weights[name];
    else model.weights[name] = rounded;
  }
  model.bias = model.bias.map((x) => Math.round(x * 1000) / 1000);
  return model;
}

let spanishModel: SentimentModel | null = null;
/** The shipped Spanish model, read once (inference never changes it, so every provider shares it). */
export function loadSpanishModel(): SentimentModel {
  spanishModel ??= JSON.parse(readFileSync(new URL('./sentiment-model-es.json', import.meta.url), 'utf8')) as SentimentModel;
  return spanishModel;
}

/**
 * A provider that labels Spanish with the trained model (fed the lexicon's score) and every other
 * language with the lexicon alone. The score is P(positive) − P(negative), in [−1, 1].
 */
export function createModelSentiment(lexicon: SentimentProvider, model: SentimentModel = loadSpanishModel()): SentimentProvider {
  return {
    analyze(text: string, lang: string): SentimentResult {
      const base = lexicon.analyze(text, lang);
      if (lang !== model.lang) return base;
      const features = modelFeatures(text, base.score, model.features);
      // A litotes ("no está nada mal") is a rule the lexicon reads and the model has seldom seen:
      // when the lexicon calls such a text positive, the model may not call it anything else.
      if (base.label === 'positive' && features.has(LITOTES_FEATURE)) {
        const p = predict(model, features);
        if (p[MODEL_LABELS.indexOf('positive')] < Math.max(...p)) return base;
      }
      const p = predict(model, features);
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
      const score = Math.round((p[MODEL_LABELS.indexOf('positive')] - p[MODEL_LABELS.indexOf('negative')]) * 1000) / 1000;
      return { label: MODEL_LABELS[best], score };
    },
  };
}

/** Plaza's default provider: the trained model for Spanish, the lexicon for English and the rest. */
export function createDefaultSentiment(): SentimentProvider {
  return createModelSentiment(createLexiconSentiment());
}
