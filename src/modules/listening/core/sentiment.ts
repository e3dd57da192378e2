/**
 * Sentiment: a pluggable provider interface and a lexicon-based provider for Spanish and English
 * that needs no download at run time. A local model can replace it later by implementing
 * {@link SentimentProvider}.
 *
 * The lexicon provider follows VADER's rules (Hutto & Gilbert 2014), re-implemented here for both
 * languages:
 * - word valences from VADER's lexicon (English), our own Spanish list plus ML-SentiCon (Spanish,
 *   matched by Snowball stem so that inflections count), and an emoji list shared by both;
 * - negation: a sentiment word within 3 words after a negator ("no me gusta", "not bad") is
 *   flipped and weakened (× −0.74);
 * - intensifiers and dampeners before a word add or subtract 0.293 (× 0.95 for the second word back);
 * - contrast: before "pero/but" counts half, after counts 1.5 times;
 * - elongated words ("buenooo") and ALL-CAPS words in mixed-case text get the same boost;
 * - exclamation marks add emphasis (up to 4);
 * - compound = sum / √(sum² + 15); positive ≥ 0.05, negative ≤ −0.05, neutral between (VADER's
 *   published thresholds, not tuned here).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import {
  EMOJI_VALENCE,
  ENGLISH_BOOSTERS,
  ENGLISH_CONTRAST,
  ENGLISH_DAMPENERS,
  ENGLISH_EXTRA_WORDS,
  ENGLISH_NEGATORS,
  SPANISH_BOOSTERS,
  SPANISH_CONTRAST,
  SPANISH_DAMPENERS,
  SPANISH_NEGATORS,
  SPANISH_PHRASES,
  SPANISH_REVIEW_WORDS,
  SPANISH_WORDS,
} from './sentiment-lexicons.ts';
import { STOP_WORDS } from './analysis.ts';
import { collapseElongation, collapseElongationToOne, expandHashtags, foldText, isElongated, splitUrls } from './tokenize.ts';

/** A sentiment label. */
export type { SentimentLabel } from './analysis.ts';
import type { SentimentLabel } from './analysis.ts';

/** Result of a sentiment analysis: the label and a score in [−1, 1] (negative to positive). */
export interface SentimentResult {
  label: SentimentLabel;
  score: number;
}

/** Anything that can label a text's sentiment; `lang` is `es`, `en` or another code. */
export interface SentimentProvider {
  analyze(text: string, lang: string): SentimentResult;
}

const require = createRequire(import.meta.url);

interface SpanishStemmer {
  stemWord(word: string): string;
}
type StemmerClass = new () => SpanishStemmer;

const NEGATION_FACTOR = -0.74;
const BOOST = 0.293;
const CAPS_BOOST = 0.733;
const NORMALIZATION_ALPHA = 15;
/** SentiCon polarities are in [−1, 1]; VADER's scale is [−4, 4]. */
const SENTICON_SCALE = 3;
const SENTICON_MIN_POLARITY = 0.5;
/** Spanish absolute superlatives: buenísimo, carísima, lentísimos. */
const SUPERLATIVE = /^(.{2,})isim[oa]s?$/;
/** in-/im-/des- + a word of 4+ letters. */
const NEGATIVE_PREFIX = /^(in|im|des)(.{4,})$/;

/** Masculine singular candidates of a Spanish adjective or noun, most likely first. */
function inflectionVariants(word: string): string[] {
  if (word.length < 4) return [];
  if (word.endsWith('oras')) return [word.slice(0, -3)];
  if (word.endsWith('ora')) return [word.slice(0, -1)];
  if (word.endsWith('as') || word.endsWith('os')) return [`${word.slice(0, -2)}o`, word.slice(0, -1)];
  if (word.endsWith('es')) return [word.slice(0, -2), word.slice(0, -1)];
  if (word.endsWith('a')) return [`${word.slice(0, -1)}o`];
  if (word.endsWith('s')) return [word.slice(0, -1)];
  return [];
}

/** Weight of sentiment words in a clause that ends with a question mark. */
const QUESTION_FACTOR = 0.5;

function loadVaderLexicon(): Map<string, number> {
  const path = require.resolve('vader-sentiment/vader_lexicon.txt');
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [token, mean] = line.split('\t');
    if (token && mean !== undefined) lexicon.set(token, Number(mean));
  }
  return lexicon;
}

interface Resources {
  english: Map<string, number>;
  /** Emoticons such as `:)` and `:(` from VADER's lexicon, used for every language. */
  emoticons: Map<string, number>;
  /** Our Spanish list by exact (folded) word, and by stem for stems of 4+ letters. */
  spanishWords: Map<string, number>;
  spanishStems: Map<string, number>;
  senticonStems: Map<string, number>;
  /** Set phrases by their first folded word. */
  spanishPhrases: Map<string, Array<{ words: string[]; valence: number }>>;
  stemmer: SpanishStemmer;
}

let resources: Resources | null = null;

function loadResources(): Resources {
  if (resources) return resources;
  const vader = loadVaderLexicon();
  const english = new Map<string, number>();
  const emoticons = new Map<string, number>();
  for (const [token, value] of vader) {
    if (/^[a-z][a-z'-]*$/.test(token)) english.set(token.replace(/'/g, ''), value);
    else if (!/[a-z]{2}/.test(token)) emoticons.set(token, value);
  }
  for (const [word, value] of Object.entries(ENGLISH_EXTRA_WORDS)) english.set(word, value);
  const StemmerEs = require('@nlpjs/lang-es/src/stemmer-es.js') as StemmerClass;
  const stemmer = new StemmerEs();
  const spanishWords = new Map<string, number>();
  const spanishStems = new Map<string, number>();
  for (const [word, value] of [...Object.entries(SPANISH_REVIEW_WORDS), ...Object.entries(SPANISH_WORDS)]) {
    spanishWords.set(foldText(word), value);
    // Short stems collide (paro/para → "par"): those words match exactly only.
    const stem = stemmer.stemWord(foldText(word));
    if (stem.length >= 4) spanishStems.set(stem, value);
  }
  const senticon = require('@nlpjs/lang-es/src/sentiment/senticon_es.json') as Record<string, number>;
  // Weak SentiCon polarities fire on everyday words (tienda, martes); only clear ones are kept.
  const senticonStems = new Map<string, number>(
    Object.entries(senticon).filter(([, polarity]) => Math.abs(polarity) >= SENTICON_MIN_POLARITY),
  );
  const spanishPhrases = new Map<string, Array<{ words: string[]; valence: number }>>();
  for (const [phrase, valence] of Object.entries(SPANISH_PHRASES)) {
    const words = foldText(phrase).split(' ');
    const list = spanishPhrases.get(words[0]) ?? [];
    list.push({ words, valence });
    // Longest first, so "deja mucho que desear" wins over a shorter phrase with the same start.
    list.sort((a, b) => b.words.length - a.words.length);
    spanishPhrases.set(words[0], list);
  }
  resources = { english, emoticons, spanishWords, spanishStems, senticonStems, spanishPhrases, stemmer };
  return resources;
}

/** The Snowball Spanish stemmer the lexicon uses (shared with the trained model's stem features). */
export function spanishStemmer(): { stemWord(word: string): string } {
  return loadResources().stemmer;
}

/** One unit of text for scoring: a word (folded) or an emoji / emoticon, as read out of context. */
interface Piece {
  /** 0 a word, 1 an emoji or emoticon, 2 an exclamation mark, 3 nothing to score, 4 a clause boundary (. , ; : ?). */
  kind: 0 | 1 | 2 | 3 | 4;
  word: string;
  /** Valence before rules, 0 when unknown. */
  valence: number;
  elongated: boolean;
  /** Starts with a letter (counts towards the share of ALL-CAPS words). */
  letter: boolean;
  /** Starts with a letter, two or more characters, all upper case: counts as a shouted word. */
  shouted: boolean;
  /** A word of two or more characters, all upper case, with a letter: emphasis when the text is not all caps. */
  upper: boolean;
}

// Handles first (an account name is not an opinion: @HappyFoods), then words, emojis,
// emoticons, exclamation marks and clause punctuation.
const PIECE_PATTERN =
  /@[\p{L}\p{N}_.]+|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*|[:;=8xX][-^']?[)(DPpO/\\|*3\][]+|<3|!|[.,;:?¿¡…]/gu;
const STARTS_WITH_LETTER = /^\p{L}/u;
const STARTS_WITH_WORD_CHAR = /^[\p{L}\p{N}]/u;
const HAS_LETTER = /\p{L}/u;
const EMOJI_DECORATIONS = /\p{Emoji_Modifier}|\uFE0F/gu;
/** Pieces remembered per language: social text repeats its words, so each is analysed once. */
const PIECE_CACHE_LIMIT = 200_000;
const EXCLAMATION: Piece = { kind: 2, word: '!', valence: 0, elongated: false, letter: false, shouted: false, upper: false };
const BOUNDARY: Piece = { kind: 4, word: '.', valence: 0, elongated: false, letter: false, shouted: false, upper: false };
const QUESTION_MARK: Piece = { ...BOUNDARY, word: '?' };
const HANDLE: Piece = { kind: 3, word: '@', valence: 0, elongated: false, letter: false, shouted: false, upper: false };
const BOUNDARY_CHARACTERS = new Set(['.', ',', ';', ':', '?', '¿', '¡', '…']);

interface Language {
  negators: ReadonlySet<string>;
  boosters: ReadonlySet<string>;
  dampeners: ReadonlySet<string>;
  contrast: ReadonlySet<string>;
  valence(word: string): number;
  /** Set phrases by first word (Spanish only). */
  phrases?: Map<string, Array<{ words: string[]; valence: number }>>;
  /** Raw piece → its analysis, filled on first sight. */
  pieces: Map<string, Piece>;
}

function englishLanguage(r: Resources): Language {
  const valence = (word: string): number => r.english.get(word) ?? r.english.get(word.replace(/(?:'s|’s)$/, '')) ?? 0;
  return {
    negators: ENGLISH_NEGATORS,
    boosters: ENGLISH_BOOSTERS,
    dampeners: ENGLISH_DAMPENERS,
    contrast: ENGLISH_CONTRAST,
    valence,
    pieces: new Map(),
  };
}

function spanishLanguage(r: Resources): Language {
  /** Our list by the word or its masculine singular (mala → malo, sucias → sucio, encantadora → encantador). */
  const ownWord = (word: string): number | undefined => {
    const exact = r.spanishWords.get(word);
    if (exact !== undefined) return exact;
    for (const variant of inflectionVariants(word)) {
      const value = r.spanishWords.get(variant);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const valence = (word: string): number => {
    const exact = r.spanishWords.get(word);
    if (exact !== undefined) return exact;
    // Function words carry no opinion, whatever word shares their ending or stem (para/paro).
    if (STOP_WORDS.has(word)) return 0;
    const own = ownWord(word);
    if (own !== undefined) return own;
    // in-/im-/des- before one of our clear adjectives reverses it: incómodo, insatisfecho, deshonesto.
    const prefix = NEGATIVE_PREFIX.exec(word);
    if (prefix) {
      const base = ownWord(prefix[2]);
      if (base !== undefined && base >= 1) return base * NEGATION_FACTOR;
    }
    const stem = r.stemmer.stemWord(word);
    // Short stems collide across unrelated words (pedido/pedir → "ped"): 4+ letters only.
    if (stem.length < 4) return 0;
    const byStem = r.spanishStems.get(stem);
    if (byStem !== undefined) return byStem;
    const senticon = r.senticonStems.get(stem);
    return senticon === undefined ? 0 : senticon * SENTICON_SCALE;
  };
  /** buenísimo → bueno (+ intensity), carísima → caro, riquísimo → rico, amabilísimo → amable. */
  const superlativeValence = (word: string): number => {
    const base = SUPERLATIVE.exec(word)?.[1];
    if (!base) return 0;
    const candidates = [
      `${base}o`,
      `${base}e`,
      base,
      `${base}io`,
      `${base.replace(/qu$/, 'c')}o`,
      `${base.replace(/gu$/, 'g')}o`,
      base.replace(/bil$/, 'ble'),
    ];
    for (const candidate of candidates) {
      const value = valence(candidate);
      if (value !== 0) return value + Math.sign(value) * BOOST;
    }
    return 0;
  };
  return {
    negators: SPANISH_NEGATORS,
    boosters: SPANISH_BOOSTERS,
    dampeners: SPANISH_DAMPENERS,
    contrast: SPANISH_CONTRAST,
    valence: (word) => valence(word) || superlativeValence(word),
    phrases: r.spanishPhrases,
    pieces: new Map(),
  };
}

function normalizeWord(raw: string): string {
  return foldText(raw).replace(/['’]/g, '');
}

/** Analyses one raw piece out of context (its valence, elongation, case). */
function analysePiece(m: string, language: Language, emoticons: Map<string, number>): Piece {
  if (m === '!') return EXCLAMATION;
  if (m === '?') return QUESTION_MARK;
  if (BOUNDARY_CHARACTERS.has(m)) return BOUNDARY;
  if (m.charCodeAt(0) === 64 /* @ */) return HANDLE;
  const letter = STARTS_WITH_LETTER.test(m);
  const allUpper = m.length > 1 && m === m.toUpperCase();
  const shouted = letter && allUpper;
  const emoji = EMOJI_VALENCE[m] ?? EMOJI_VALENCE[m.replace(EMOJI_DECORATIONS, '')] ?? emoticons.get(m);
  if (emoji !== undefined) return { kind: 1, word: m, valence: emoji, elongated: false, letter, shouted, upper: false };
  if (!STARTS_WITH_WORD_CHAR.test(m)) return { kind: 3, word: m, valence: 0, elongated: false, letter, shouted, upper: false };
  const upper = allUpper && HAS_LETTER.test(m);
  const folded = normalizeWord(m);
  const elongated = isElongated(folded);
  let valence = 0;
  if (elongated) {
    valence = language.valence(collapseElongation(folded));
    if (valence === 0) valence = language.valence(collapseElongationToOne(folded));
  } else valence = language.valence(folded);
  return { kind: 0, word: elongated ? collapseElongationToOne(folded) : folded, valence, elongated, letter, shouted, upper };
}

function piecesOf(
  text: string,
  language: Language,
  emoticons: Map<string, number>,
): { pieces: Piece[]; exclamations: number; capsMeansEmphasis: boolean } {
  const matches = expandHashtags(splitUrls(text).rest).match(PIECE_PATTERN) ?? [];
  const cache = language.pieces;
  const pieces: Piece[] = [];
  let exclamations = 0;
  let letters = 0;
  let upper = 0;
  for (const m of matches) {
    let piece = cache.get(m);
    if (piece === undefined) {
      piece = analysePiece(m, language, emoticons);
      if (cache.size >= PIECE_CACHE_LIMIT) cache.clear(); // bounded memory on endless streams
      cache.set(m, piece);
    }
    if (piece.letter) {
      letters++;
      if (piece.shouted) upper++;
    }
    if (piece.kind === 2) {
      exclamations++;
      pieces.push(BOUNDARY); // "¡Genial! No lo sé": an exclamation closes its clause too
    } else if (piece.kind !== 3) pieces.push(piece);
  }
  // ALL CAPS only means emphasis when the rest of the text is not shouting too.
  return {
    pieces: language.phrases ? mergePhrases(pieces, language.phrases) : pieces,
    exclamations,
    capsMeansEmphasis: upper > 0 && upper < letters,
  };
}

/** Replaces each set phrase in `pieces` by one piece carrying the phrase's valence. */
function mergePhrases(pieces: Piece[], phrases: Map<string, Array<{ words: string[]; valence: number }>>): Piece[] {
  let merged: Piece[] | null = null;
  for (let i = 0; i < pieces.length; i++) {
    const candidates = pieces[i].kind === 0 ? phrases.get(pieces[i].word) : undefined;
    const phrase = candidates?.find((c) => c.words.every((w, k) => pieces[i + k]?.kind === 0 && pieces[i + k].word === w));
    if (!phrase) {
      merged?.push(pieces[i]);
      continue;
    }
    merged ??= pieces.slice(0, i);
    merged.push({
      kind: 0,
      word: phrase.words.join(' '),
      valence: phrase.valence,
      elongated: false,
      letter: true,
      shouted: false,
      upper: false,
    });
    i += phrase.words.length - 1;
  }
  return merged ?? pieces;
}

function scorePieces(pieces: Piece[], exclamations: number, capsMeansEmphasis: boolean, language: Language): number {
  const contributions: number[] = new Array(pieces.length).fill(0);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    let v = piece.valence;
    if (v === 0) continue;
    const sign = v > 0 ? 1 : -1;
    if (piece.elongated) v += sign * BOOST;
    if (capsMeansEmphasis && piece.upper) v += sign * CAPS_BOOST;
    // Boosters and negators reach back within the clause only ("No. Me encanta" is positive).
    for (let back = 1; back <= 2 && i - back >= 0 && pieces[i - back].kind !== 4; back++) {
      const before = pieces[i - back].word;
      const weight = back === 1 ? 1 : 0.95;
      if (language.boosters.has(before)) v += sign * BOOST * weight;
      else if (language.dampeners.has(before)) v -= sign * BOOST * weight;
    }
    for (let back = 1; back <= 3 && i - back >= 0 && pieces[i - back].kind !== 4; back++) {
      const before = pieces[i - back].word;
      if (language.negators.has(before)) {
        v *= NEGATION_FACTOR;
        break;
      }
    }
    contributions[i] = v;
  }
  // A question asks rather than judges ("¿es bueno?", "would you recommend it?"): the words of a
  // clause that ends in "?" count half, as SentiStrength and similar tools weaken questions.
  for (let i = pieces.length - 1; i >= 0; i--) {
    if (pieces[i] !== QUESTION_MARK) continue;
    for (let j = i - 1; j >= 0 && pieces[j].kind !== 4; j--) contributions[j] *= QUESTION_FACTOR;
  }
  const contrastAt = pieces.findIndex((p) => language.contrast.has(p.word));
  if (contrastAt >= 0) {
    for (let i = 0; i < pieces.length; i++) {
      if (i < contrastAt) contributions[i] *= 0.5;
      else if (i > contrastAt) contributions[i] *= 1.5;
    }
  }
  let sum = 0;
  for (const c of contributions) sum += c;
  if (sum !== 0 && exclamations > 0) sum += Math.sign(sum) * Math.min(exclamations, 4) * 0.292;
  return sum;
}

/** The VADER normalization of a valence sum into [−1, 1]. */
export function compoundScore(sum: number): number {
  if (sum === 0) return 0;
  return sum / Math.sqrt(sum * sum + NORMALIZATION_ALPHA);
}

/**
 * Half-width of the neutral band of compound scores used by default. VADER publishes ±0.05; see
 * docs/listening.md for how this value was chosen (on Plaza's own dev set, never on shared/eval).
 */
export const DEFAULT_NEUTRAL_BAND = 0.25;

/** Label for a compound score: positive at or above `neutralBand`, negative at or below its opposite. */
export function labelForScore(score: number, neutralBand = DEFAULT_NEUTRAL_BAND): SentimentLabel {
  return score >= neutralBand ? 'positive' : score <= -neutralBand ? 'negative' : 'neutral';
}

/** Options of {@link createLexiconSentiment}. */
export interface LexiconSentimentOptions {
  /** Half-width of the neutral band of compound scores (default {@link DEFAULT_NEUTRAL_BAND}). */
  neutralBand?: number;
}

/**
 * Creates the lexicon provider (loads the lexicons once, ~7,500 English and ~7,600 Spanish
 * entries). Texts in languages other than `es` are scored with the English rules.
 */
export function createLexiconSentiment(options: LexiconSentimentOptions = {}): SentimentProvider {
  const neutralBand = options.neutralBand ?? DEFAULT_NEUTRAL_BAND;
  const r = loadResources();
  const english = englishLanguage(r);
  const spanish = spanishLanguage(r);
  return {
    analyze(text, lang) {
      const language = lang === 'es' ? spanish : english;
      const { pieces, exclamations, capsMeansEmphasis } = piecesOf(text, language, r.emoticons);
      const score = Math.round(compoundScore(scorePieces(pieces, exclamations, capsMeansEmphasis, language)) * 1000) / 1000;
      return { label: labelForScore(score, neutralBand), score };
    },
  };
}
