/**
 * Measures sentiment and language identification on labelled public data that Plaza was NOT tuned
 * on: the sets in ../shared/eval (see its README) and the UCI sentences shipped in the `sentiment`
 * npm package's test fixtures. Run: `node bin/run-ts.mjs tools/eval-sentiment.ts [--json]`.
 *
 * 3-class sets: macro-F1 over positive / neutral / negative. 2-class sets (OpeNER, UCI): 2-class
 * accuracy, where the sign of the score decides (only a score of exactly 0, i.e. no opinion at all,
 * stays neutral and counts wrong); the notes also give the strict figure, where every text the
 * 3-class labeller calls neutral counts wrong.
 * Figures are for Plaza's default provider (createDefaultSentiment: a trained model for Spanish, the
 * lexicon for English), with the lexicon alone beside them for Spanish sets.
 * Plaza's own dev set (datasets/sentiment/dev.jsonl) is reported too; `--sweep`
 * prints its macro-F1 over a range of neutral bands (how the default band was chosen).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createLexiconSentiment, type SentimentLabel, type SentimentProvider } from '../src/modules/listening/core/sentiment.ts';
import { createDefaultSentiment } from '../src/modules/listening/core/sentiment-model.ts';
import { detectLanguage, loadLanguageModel } from '../src/modules/listening/core/language.ts';
import { normalizePost } from '../src/modules/listening/core/tokenize.ts';
import { macroF1 } from './sentiment-metrics.ts';

await loadLanguageModel();
/** What Plaza uses (trained model for Spanish, lexicon otherwise), and the lexicon alone for comparison. */
const defaultProvider = createDefaultSentiment();
const lexiconProvider = createLexiconSentiment();

interface Item {
  text: string;
  label: SentimentLabel;
}
interface SetReport {
  set: string;
  lang: string;
  items: number;
  metric: 'macro_f1' | 'accuracy_2class';
  value: number;
  lang_id_accuracy: number | null;
  goal: number | null;
  per_class?: Record<string, number>;
  /** 2-class sets: share of texts given a polarity, and accuracy among those. */
  coverage?: number;
  accuracy_when_polar?: number;
  /** 2-class sets: accuracy of the 3-class labels, where a neutral answer counts wrong. */
  accuracy_strict?: number;
  /** The same metric with the lexicon provider alone (differs from `value` for Spanish). */
  lexicon_value?: number;
}

const EVAL_DIR = [process.env.PLAZA_EVAL_DIR, '/work/shared/eval', path.resolve('../shared/eval')].find(
  (dir): dir is string => Boolean(dir) && existsSync(dir as string),
);
const SETS: Record<string, { lang: 'es' | 'en'; twoClass: boolean; goal: number }> = {
  sentimp21_es: { lang: 'es', twoClass: false, goal: 0.55 },
  sentimp21_uk: { lang: 'en', twoClass: false, goal: 0.55 },
  vader_tweets: { lang: 'en', twoClass: false, goal: 0.7 },
  opener_es_sents: { lang: 'es', twoClass: true, goal: 0.85 },
};

const round = (x: number) => Math.round(x * 1000) / 1000;

function evaluate(name: string, items: Item[], lang: 'es' | 'en', twoClass: boolean, goal: number | null, neutralBand?: number): SetReport {
  const provider: SentimentProvider = neutralBand === undefined ? defaultProvider : createLexiconSentiment({ neutralBand });
  const predictions = items.map((item) => provider.analyze(item.text, lang));
  const lexiconPredictions = items.map((item) => lexiconProvider.analyze(item.text, lang));
  // Language as the pipeline detects it: from the normalized tokens.
  const langHits = items.filter((item) => detectLanguage(item.text, normalizePost({ text: item.text }).tokens) === lang).length;
  if (twoClass) {
    const correct = items.filter((item, i) => predictions[i].label === item.label).length;
    const polar = predictions.filter((p) => p.label !== 'neutral').length;
    // 2-class mode: the sign of the score decides (only a score of exactly 0 stays neutral).
    const sign = (score: number): SentimentLabel => (score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral');
    const correctTwoClassMode = items.filter((item, i) => sign(predictions[i].score) === item.label).length;
    return {
      set: name,
      lang,
      items: items.length,
      metric: 'accuracy_2class',
      value: round(correctTwoClassMode / items.length),
      lang_id_accuracy: round(langHits / items.length),
      goal,
      coverage: round(polar / items.length),
      accuracy_when_polar: polar ? round(correct / polar) : 0,
      accuracy_strict: round(correct / items.length),
      lexicon_value: round(items.filter((item, i) => sign(lexiconPredictions[i].score) === item.label).length / items.length),
    };
  }
  const { value, perClass } = macroF1(
    items.map((i) => i.label),
    predictions.map((p) => p.label),
  );
  const per_class = Object.fromEntries(Object.entries(perClass).map(([k, v]) => [k, round(v)]));
  const lexiconValue = macroF1(
    items.map((i) => i.label),
    lexiconPredictions.map((p) => p.label),
  ).value;
  return {
    set: name,
    lang,
    items: items.length,
    metric: 'macro_f1',
    value: round(value),
    lang_id_accuracy: round(langHits / items.length),
    goal,
    per_class,
    lexicon_value: round(lexiconValue),
  };
}

const reports: SetReport[] = [];
if (EVAL_DIR) {
  for (const file of readdirSync(EVAL_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const name = file.replace(/\.jsonl$/, '');
    const config = SETS[name];
    if (!config) continue;
    const items = readFileSync(path.join(EVAL_DIR, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Item);
    reports.push(evaluate(name, items, config.lang, config.twoClass, config.goal));
  }
} else {
  console.error('shared/eval not found: set PLAZA_EVAL_DIR');
}

// UCI sentiment-labelled sentences (Kotzias et al. 2015), shipped by the `sentiment` package.
try {
  const require = createRequire(import.meta.url);
  const fixtures = path.dirname(require.resolve('sentiment/test/fixtures/amazon.json'));
  for (const source of ['amazon', 'imdb', 'yelp']) {
    const file = path.join(fixtures, `${source}.json`);
    if (!existsSync(file)) continue;
    const rows = JSON.parse(readFileSync(file, 'utf8')) as Array<{ text: string; class: number }>;
    const items: Item[] = rows.map((r) => ({ text: r.text, label: r.class === 1 ? 'positive' : 'negative' }));
    reports.push(evaluate(`uci_${source}`, items, 'en', true, null));
  }
} catch {
  console.error('sentiment package fixtures not found; UCI sentences skipped');
}

// Plaza's own dev set (written for Plaza, 3 classes, es and en): the only data the neutral band
// was chosen on. `--sweep` prints its macro-F1 for a range of bands.
const devFile = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../datasets/sentiment/dev.jsonl');
const devItems = readFileSync(devFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Item & { lang: 'es' | 'en' });
for (const lang of ['es', 'en'] as const)
  reports.push(
    evaluate(
      `plaza_dev_${lang}`,
      devItems.filter((i) => i.lang === lang),
      lang,
      false,
      null,
    ),
  );
// Plaza's own Spanish review sentences (2 classes): what the review vocabulary and set phrases were checked on.
const reviewsFile = path.resolve(path.dirname(devFile), 'dev-reviews-es.jsonl');
const reviewItems = readFileSync(reviewsFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Item);
reports.push(evaluate('plaza_reviews_es', reviewItems, 'es', true, null));
// Plaza's own political posts (3 classes), held out from training: what the model's settings were chosen on.
const politicsItems = readFileSync(path.resolve(path.dirname(devFile), 'dev-politics-es.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Item);
reports.push(evaluate('plaza_politics_es', politicsItems, 'es', false, null));
if (process.argv.includes('--sweep')) {
  for (let band = 0.05; band <= 0.6001; band += 0.05) {
    const f1 = (['es', 'en'] as const).map(
      (lang) =>
        evaluate(
          'dev',
          devItems.filter((i) => i.lang === lang),
          lang,
          false,
          null,
          band,
        ).value,
    );
    console.log(
      `dev set, neutral band ±${band.toFixed(2)}: macro-F1 es ${f1[0].toFixed(3)}, en ${f1[1].toFixed(3)}, mean ${((f1[0] + f1[1]) / 2).toFixed(3)}`,
    );
  }
}

console.log('set                 lang  items  metric            value  goal   met  lang-id  notes');
for (const r of reports) {
  const notes =
    (r.per_class
      ? `F1 pos ${r.per_class.positive} neu ${r.per_class.neutral} neg ${r.per_class.negative}`
      : `strict ${r.accuracy_strict} (3-class labels polar on ${r.coverage}, accuracy when polar ${r.accuracy_when_polar})`) +
    (r.lang === 'es' ? `; lexicon alone ${r.lexicon_value}` : '');
  console.log(
    `${r.set.padEnd(20)}${r.lang.padEnd(6)}${String(r.items).padEnd(7)}${r.metric.padEnd(18)}${r.value.toFixed(3).padEnd(7)}${(r.goal === null ? '-' : r.goal.toFixed(2)).padEnd(7)}${(r.goal === null ? '' : r.value >= r.goal ? 'yes' : 'NO').padEnd(5)}${(r.lang_id_accuracy === null ? '-' : r.lang_id_accuracy.toFixed(3)).padEnd(9)}${notes}`,
  );
}
const allLang = reports.filter((r) => !r.set.startsWith('uci_') && !r.set.startsWith('plaza_'));
const langTotal = allLang.reduce((s, r) => s + r.items, 0);
const langAccuracy = langTotal ? round(allLang.reduce((s, r) => s + (r.lang_id_accuracy ?? 0) * r.items, 0) / langTotal) : null;
console.log(`language id over shared/eval (es+en, ${langTotal} texts): ${langAccuracy}`);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ sets: reports, language_id_accuracy: langAccuracy }));
}
