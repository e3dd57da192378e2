/**
 * Listening benchmark: `node bin/run-ts.mjs bench/listen.ts [--json] [--posts N]`.
 *
 * A reproducible stream (fixed seed) of realistic mixed Spanish/English posts (brands, hashtags,
 * mentions, URLs, emojis) against 1,000 and 10,000 saved queries. Measures on one core:
 * - the compiled matcher at 10,000 and 1,000 queries (posts already normalized);
 * - the naive evaluator (every query on every post) at 1,000 queries, on a sample;
 * - the whole pipeline (normalize, de-duplicate, language, match, sentiment on every post);
 * - mismatches between compiled and naive on the samples.
 * Rates are medians over chunks of the stream. With --json the last line is one JSON object;
 * --pipeline-only skips the matcher and naive sections (for profiling).
 */
import os from 'node:os';
import { createMatcher, createTermStatistics, type SavedQuery } from '../src/modules/listening/core/matcher.ts';
import { createNaiveMatcher } from '../src/modules/listening/core/naive.ts';
import { createPipeline } from '../src/modules/listening/core/pipeline.ts';
import { loadLanguageModel } from '../src/modules/listening/core/language.ts';
import { normalizePost, type NormalizedPost } from '../src/modules/listening/core/tokenize.ts';

await loadLanguageModel();
const args = process.argv.slice(2);
const json = args.includes('--json');
/** Skips the matcher and naive sections (for profiling the pipeline alone). */
const pipelineOnly = args.includes('--pipeline-only');
const postsArg = args.indexOf('--posts');
const TOTAL_POSTS = postsArg >= 0 ? Number(args[postsArg + 1]) : 1_000_000;
const SEED = 20240521;

/** mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'zen',
  'tra',
  'vo',
  'ne',
  'ria',
  'qua',
  'sol',
  'ber',
  'din',
  'ax',
  'lu',
  'mar',
  'to',
  'pe',
  'chi',
  'ro',
  'vel',
];
function brandNames(count: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const parts = 2 + Math.floor(random() * 2);
    let name = '';
    for (let i = 0; i < parts; i++) name += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (name.length >= 5) names.add(name);
  }
  return [...names];
}

const ES_OPENERS = [
  'Me encanta',
  'No me gusta nada',
  'Acabo de probar',
  '¿Alguien ha usado',
  'Qué decepción con',
  'Muy contenta con',
  'Otra vez falla',
  'Gracias a',
  'Pésimo servicio de',
  'Nuevo lanzamiento de',
  'Opinión sincera sobre',
  'Hoy en la tienda de',
];
const EN_OPENERS = [
  'I love',
  'Not happy with',
  'Just tried',
  'Has anyone used',
  'So disappointed by',
  'Really impressed by',
  'Again a problem with',
  'Thanks to',
  'Terrible customer service from',
  'New launch from',
  'Honest review of',
  'Today at the store of',
];
const ES_FILLERS = [
  'el precio es muy caro',
  'la app va lenta',
  'el envío llegó rápido',
  'atención al cliente horrible',
  'la calidad es buenísima',
  'no lo recomiendo',
  'lo recomiendo totalmente',
  'el servicio técnico no responde',
  'mejor que la competencia',
  'la nueva versión está genial',
  'esperando el reembolso',
  'qué buen diseño',
  'la batería dura poco',
  'música y descuentos este verano',
];
const EN_FILLERS = [
  'the price is too high',
  'the app is slow',
  'shipping was fast',
  'customer service was awful',
  'quality is amazing',
  'would not recommend',
  'totally recommend it',
  'support never answers',
  'better than the competition',
  'the new version looks great',
  'still waiting for my refund',
  'such a nice design',
  'battery life is poor',
  'music and deals this summer',
];
const HASHTAGS = ['#ofertas', '#BlackFriday', '#marketing', '#tech', '#verano', '#deals', '#review', '#fail', '#love', '#servicio'];
const EMOJIS = ['😍', '😡', '🔥', '👍', '👎', '😂', '🙄', '🎉', '💔', '✨'];
const WORDS_ES = ['hoy', 'mañana', 'tienda', 'precio', 'cliente', 'oferta', 'pedido', 'móvil', 'coche', 'viaje'];
const WORDS_EN = ['today', 'tomorrow', 'store', 'price', 'customer', 'deal', 'order', 'phone', 'car', 'trip'];

interface Generated {
  id: string;
  text: string;
  url?: string;
  author: string;
  network: string;
  lang?: string;
}

/** Deterministic post generator; brands follow a Zipf-like popularity. */
function createPostGenerator(brands: string[], seed: number) {
  const random = rng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const zipfBrand = () => brands[Math.floor(brands.length * random() ** 3)];
  // Open-class words (names, places, slang) make posts differ as real ones do.
  const vocabulary = brandNames(4000, rng(seed + 99)).map((w) => w.split('').reverse().join(''));
  let counter = 0;
  let previous = '';
  return (): Generated => {
    const id = `p${counter++}`;
    // ~3% are reposts of the previous post (near-duplicates), for the de-duplicator.
    if (previous && random() < 0.03)
      return { id, text: `RT ${previous}`, author: `user${Math.floor(random() * 50000)}`, network: 'bluesky' };
    const spanish = random() < 0.55;
    const parts: string[] = [];
    const brand = random() < 0.7 ? zipfBrand() : '';
    const brandForm = brand
      ? random() < 0.2
        ? `@${brand}`
        : random() < 0.3
          ? `#${brand}`
          : random() < 0.5
            ? brand[0].toUpperCase() + brand.slice(1)
            : brand
      : pick(spanish ? WORDS_ES : WORDS_EN);
    parts.push(pick(spanish ? ES_OPENERS : EN_OPENERS), brandForm);
    parts.push(pick(spanish ? ES_FILLERS : EN_FILLERS));
    if (random() < 0.4) parts.push(pick(spanish ? ES_FILLERS : EN_FILLERS));
    if (random() < 0.3) parts.push(pick(spanish ? WORDS_ES : WORDS_EN));
    parts.push(pick(vocabulary), pick(vocabulary));
    if (random() < 0.15 && brand) parts.push(`y ${zipfBrand()}`);
    if (random() < 0.35) parts.push(pick(HASHTAGS));
    if (random() < 0.35) parts.push(pick(EMOJIS));
    if (random() < 0.1) parts.push(`@user${Math.floor(random() * 1000)}`);
    const url = random() < 0.2 ? `https://${brand || 'news'}.com/p/${Math.floor(random() * 100000)}?utm_source=x` : undefined;
    if (url) parts.push(url);
    const text = parts.join(' ');
    previous = text;
    return {
      id,
      text,
      url,
      author: `user${Math.floor(random() * 50000)}`,
      network: random() < 0.6 ? 'bluesky' : 'mastodon',
      lang: random() < 0.5 ? (spanish ? 'es' : 'en') : undefined,
    };
  };
}

/** Realistic saved queries: brand monitoring, complaints, competitors, topics, with fields and guard-rails. */
function generateQueries(brands: string[], count: number, seed: number): SavedQuery[] {
  const random = rng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const queries: SavedQuery[] = [];
  for (let i = 0; i < count; i++) {
    const b = brands[i % brands.length];
    const other = pick(brands);
    const templates = [
      `${b} OR #${b} OR @${b}`,
      `(${b} OR @${b}) AND (precio OR price OR caro OR expensive) -empleo -job`,
      `${b} NEAR/3 (malo OR pésimo OR terrible OR awful OR horrible)`,
      `"${b} store" OR site:${b}.com`,
      `${b} lang:es servic*`,
      `"customer service" NEAR/5 ${b}`,
      `(${b} OR ${other}) AND (#ofertas OR #deals) network:bluesky`,
      `"atención al cliente"~2 ${b}`,
      `${b} AND (recomiendo OR recommend) NOT "no lo recomiendo"`,
      `@${b} author:user${Math.floor(random() * 50000)}`,
    ];
    queries.push({ id: `q${i}`, query: templates[i % templates.length] });
  }
  return queries;
}

/** Wall-clock and CPU-time stopwatch: CPU time (user + system of this process) gives the rate per busy core even when other programs share the machine. */
function stopwatch(): () => { wallS: number; cpuS: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wallS: (performance.now() - wall) / 1000, cpuS: (used.user + used.system) / 1e6 };
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const brands = brandNames(2500, rng(SEED + 1));
const queries10k = generateQueries(brands, 10_000, SEED + 2);
// 1,000 queries over the 250 most popular brands (the Zipf head), like a busy workspace.
const queries1k = generateQueries(brands.slice(0, 250), 1000, SEED + 3);

let t0 = performance.now();
const matcher10k = createMatcher(queries10k);
const compileMs10k = performance.now() - t0;
const matcher1k = createMatcher(queries1k);
const naive1k = createNaiveMatcher(queries1k);
// Anchor on terms that are rare in recent mentions: 5,000 posts of a separate stream stand for them.
const statistics = createTermStatistics();
const history = createPostGenerator(brands, SEED + 11);
for (let i = 0; i < 5000; i++) statistics.observe(normalizePost(history()));
matcher10k.reanchor(statistics.cost);
matcher1k.reanchor(statistics.cost);

// 1. Matcher over the whole stream, in chunks; normalization timed separately.
const CHUNKS = 5;
const chunkSize = Math.max(1, Math.floor(TOTAL_POSTS / CHUNKS));
const nextPost = createPostGenerator(brands, SEED);
const matcherRates: number[] = [];
const normalizeRates: number[] = [];
let matched = 0;
let sample: NormalizedPost[] = [];
for (let c = 0; c < (pipelineOnly ? 0 : CHUNKS); c++) {
  const raw: Generated[] = [];
  for (let i = 0; i < chunkSize; i++) raw.push(nextPost());
  t0 = performance.now();
  const normalized = raw.map((p) => normalizePost(p));
  normalizeRates.push(chunkSize / ((performance.now() - t0) / 1000));
  normalized.forEach((p, i) => {
    p.lang = raw[i].lang ?? (i % 2 ? 'es' : 'en');
  });
  t0 = performance.now();
  for (const p of normalized) matched += matcher10k.match(p).length;
  matcherRates.push(chunkSize / ((performance.now() - t0) / 1000));
  if (c === 0) sample = normalized.slice(0, Math.min(5000, normalized.length));
}
const candidatesPerPost = matcher10k.stats.candidates / Math.max(1, matcher10k.stats.posts);

// 2. Naive vs compiled at 1,000 queries on the same sample; mismatches counted.
const naiveRates: number[] = [];
const compiled1kRates: number[] = [];
let mismatches = 0;
for (let rep = 0; rep < (pipelineOnly ? 0 : 3); rep++) {
  t0 = performance.now();
  const naiveResults = sample.map((p) => naive1k.match(p));
  naiveRates.push(sample.length / ((performance.now() - t0) / 1000));
  t0 = performance.now();
  const compiledResults = sample.map((p) => matcher1k.match(p));
  compiled1kRates.push(sample.length / ((performance.now() - t0) / 1000));
  if (rep === 0) {
    for (let i = 0; i < sample.length; i++) if (naiveResults[i].join() !== compiledResults[i].join()) mismatches++;
  }
}
// Also check the 10,000-query matcher against the naive one on a smaller sample.
const naive10k = createNaiveMatcher(pipelineOnly ? [] : queries10k);
for (const p of sample.slice(0, pipelineOnly ? 0 : 500)) if (naive10k.match(p).join() !== matcher10k.match(p).join()) mismatches++;

// 3. Whole pipeline on a fresh stream (sentiment on every post, the worst case).
const pipelinePosts = Math.min(TOTAL_POSTS, 150_000);
const pipelineChunk = Math.max(1, Math.floor(pipelinePosts / 3));
const pipeline = createPipeline({ queries: queries10k, sentimentOnlyForMatches: false });
const pipelineStream = createPostGenerator(brands, SEED + 7);
const pipelineRates: number[] = [];
const pipelineCpuRates: number[] = [];
let duplicates = 0;
for (let c = 0; c < 3; c++) {
  const raw: Generated[] = [];
  for (let i = 0; i < pipelineChunk; i++) raw.push(pipelineStream());
  const stop = stopwatch();
  for (const item of raw) if (pipeline.process(item).duplicateOf !== undefined) duplicates++;
  const { wallS, cpuS } = stop();
  pipelineRates.push(pipelineChunk / wallS);
  pipelineCpuRates.push(pipelineChunk / cpuS);
}

// The pipeline's default: sentiment only for posts that matched a query.
const defaultPipeline = createPipeline({ queries: queries10k });
const defaultStream = createPostGenerator(brands, SEED + 7);
const defaultRaw: Generated[] = [];
for (let i = 0; i < pipelineChunk; i++) defaultRaw.push(defaultStream());
t0 = performance.now();
for (const item of defaultRaw) defaultPipeline.process(item);
const defaultPipelineRate = pipelineChunk / ((performance.now() - t0) / 1000);

const result = {
  matcher_posts_per_s: Math.round(median(matcherRates)),
  matcher_1k_posts_per_s: Math.round(median(compiled1kRates)),
  naive_posts_per_s: Math.round(median(naiveRates)),
  speedup_vs_naive_at_1k: Math.round(median(compiled1kRates) / median(naiveRates)),
  speedup_10k_vs_naive_1k: Math.round(median(matcherRates) / median(naiveRates)),
  normalize_posts_per_s: Math.round(median(normalizeRates)),
  pipeline_posts_per_s: Math.round(median(pipelineRates)),
  pipeline_posts_per_cpu_s: Math.round(median(pipelineCpuRates)),
  load_average_1m: Math.round(os.loadavg()[0] * 100) / 100,
  pipeline_sentiment_on_matches_posts_per_s: Math.round(defaultPipelineRate),
  ingest_posts_per_s: null,
  queries: queries10k.length,
  posts: chunkSize * CHUNKS,
  mismatches,
  candidates_per_post: Math.round(candidatesPerPost * 100) / 100,
  matches_per_post: Math.round((matched / (chunkSize * CHUNKS)) * 100) / 100,
  duplicate_rate: Math.round((duplicates / (pipelineChunk * 3)) * 1000) / 1000,
  compile_ms_10k: Math.round(compileMs10k),
};

const rows: Array<[string, string, string]> = [
  ['matcher, 10,000 queries (posts/s, one core)', String(result.matcher_posts_per_s), '>= 50,000'],
  ['matcher, 1,000 queries (posts/s)', String(result.matcher_1k_posts_per_s), ''],
  ['naive, 1,000 queries (posts/s, 5,000-post sample)', String(result.naive_posts_per_s), ''],
  ['speed-up compiled / naive at 1,000 queries', `${result.speedup_vs_naive_at_1k}x`, '>= 20x'],
  ['speed-up compiled@10,000 / naive@1,000', `${result.speedup_10k_vs_naive_1k}x`, ''],
  ['normalize + tokenize (posts/s)', String(result.normalize_posts_per_s), ''],
  ['pipeline, sentiment on every post (posts/s)', String(result.pipeline_posts_per_s), '>= 10,000'],
  ['  same, per CPU-second of this process', String(result.pipeline_posts_per_cpu_s), ''],
  ['pipeline, sentiment on matched posts (default)', String(result.pipeline_sentiment_on_matches_posts_per_s), ''],
  ['mismatches compiled vs naive', String(result.mismatches), '0'],
  ['candidates verified per post', String(result.candidates_per_post), ''],
  ['matches per post', String(result.matches_per_post), ''],
  ['duplicate rate in pipeline stream', String(result.duplicate_rate), ''],
  ['compile 10,000 queries (ms)', String(result.compile_ms_10k), ''],
  ['load average (1 min) at the end', String(result.load_average_1m), ''],
];
console.log(
  `Listening benchmark: ${result.posts.toLocaleString('en')} posts, ${result.queries.toLocaleString('en')} queries, seed ${SEED}, medians of chunks`,
);
for (const [name, value, goal] of rows) console.log(`${name.padEnd(52)} ${value.padStart(10)}   ${goal}`);
if (json) console.log(JSON.stringify(result));
