/**
 * Language identification for short social posts: Spanish, English, `other` or `und`
 * (undetermined: too little text). Nothing is downloaded at run time.
 *
 * Two stages, because most posts are easy and the pipeline must be fast:
 * 1. Function words (our own short lists of Spanish and English stop words) and Spanish spelling
 *    (ñ, ¿, ¡, accented vowels) decide when the evidence is clear.
 * 2. Otherwise the character n-gram model of the `eld` package (its "large" database, shipped in
 *    the npm package), restricted to Spanish, English and the neighbours that are most often
 *    confused with them (Portuguese, Catalan, Galician, Italian, French, German, Dutch). A
 *    neighbour wins only when eld calls it reliable and no Spanish or English function word is
 *    present; otherwise the better of Spanish and English is taken.
 */
import { foldText, splitUrls, wordTokens } from './tokenize.ts';

/** Languages Plaza distinguishes. */
export type LanguageCode = 'es' | 'en' | 'other' | 'und';

/** Result of {@link identifyLanguage}. */
export interface LanguageGuess {
  lang: LanguageCode;
  /** Which stage decided: `stopwords`, `ngrams`, or `empty` for `und`. */
  method: 'stopwords' | 'ngrams' | 'empty';
}

// Function words, folded (no accents). Words shared by both languages (a, no, me, he) are left out.
const SPANISH_WORDS = new Set(
  (
    'el la los las un una unos unas de del al y o u que en es son por para con sin sobre entre hasta desde ' +
    'pero mas muy ya tambien porque cuando como donde quien cual esta este esto estos estas ese esa eso ' +
    'aqui alli hay ser estar fue era soy eres somos estan estamos tiene tienen tengo hace hacer ' +
    'su sus mi mis tu tus nuestro nuestra lo le les se nos os te yo nosotros ellos ella el ' +
    'si ni todo todos toda todas nada algo otro otra mucho mucha poco bien mal asi solo siempre nunca hoy ' +
    'ahora aun gracias hola vamos puede pueden quiero hemos han ha sido bueno buena mejor peor gran ' +
    'cada uno dos tres dia dias ano anos gente vez veces sera seria hacia segun durante tras contra'
  ).split(' '),
);
const ENGLISH_WORDS = new Set(
  (
    'the of and to in is it that was for on are with as at be this have from or by not but what all ' +
    'were when we there can an your which their if do will each how they them then she his her ' +
    'would make like him into time look two more write go see number way could people my than ' +
    'been who its now find down day did get made may part you i am im dont just so about out up ' +
    'some very really our us had should because why where today new good great thanks love one only ' +
    'after over know think still well back any these those being does here going want need got'
  ).split(' '),
);

const SPANISH_SPELLING = /[ñ¿¡áéíóú]/i;
const NEIGHBOURS = ['es', 'en', 'pt', 'ca', 'gl', 'it', 'fr', 'de', 'nl'];

type Detector = typeof import('eld/large')['eld'];
let detector: Detector | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads eld's n-gram database (4.5 MB of JavaScript: about 1.5 s of parsing on a small machine),
 * once. It is loaded on first need rather than at import so that `plaza start` does not wait for
 * it; every entry point that identifies languages (listening pipelines, `plaza classify`) awaits it.
 */
export function loadLanguageModel(): Promise<void> {
  loading ??= import('eld/large').then(({ eld }) => {
    const instance = eld.newInstance();
    instance.setLanguageSubset(NEIGHBOURS);
    detector = instance;
  });
  return loading;
}

const HAS_LETTER = /\p{L}/u;

/** True when a folded token has a letter (ASCII checked first, without a regular expression). */
function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c >= 128) return HAS_LETTER.test(word);
  }
  return false;
}

/**
 * Strips URLs, handles and hashtag marks, which say nothing about the language. `tokens` are the
 * post's word tokens when already known (e.g. `normalizePost(…).tokens`), to avoid tokenizing twice.
 */
function languageWords(text: string, tokens?: readonly string[]): string[] {
  const words: string[] = [];
  for (const token of tokens ?? wordTokens(foldText(splitUrls(text).rest))) {
    const first = token.charCodeAt(0);
    if (first === 64) continue; // @handle
    const word = first === 35 ? token.slice(1) : token;
    if (hasLetter(word)) words.push(word);
  }
  return words;
}

/**
 * Identifies the language of a post: `es`, `en`, `other`, or `und` when there is too little text.
 * Pass the post's normalized `tokens` (from `normalizePost`) when you have them: the text is then
 * only scanned for Spanish spelling.
 */
export function identifyLanguage(text: string, tokens?: readonly string[]): LanguageGuess {
  if (!detector) throw new Error('The language model is not loaded yet: await loadLanguageModel() first');
  const words = languageWords(text, tokens);
  let letters = 0;
  for (const w of words) letters += w.length;
  if (letters < 3) return { lang: 'und', method: 'empty' };

  let spanishWords = 0;
  let english = 0;
  for (const w of words) {
    if (SPANISH_WORDS.has(w)) spanishWords++;
    if (ENGLISH_WORDS.has(w)) english++;
  }
  // Accents also occur in Portuguese or Catalan: they count for Spanish, but do not rule out `other`.
  const spanish = spanishWords + (SPANISH_SPELLING.test(text) ? 1 : 0);
  if (spanish >= 2 && spanish >= 3 * english + 2) return { lang: 'es', method: 'stopwords' };
  if (english >= 2 && english >= 3 * spanish + 2) return { lang: 'en', method: 'stopwords' };

  const result = detector.detect(words.join(' '));
  if (result.language === 'es' || result.language === 'en') return { lang: result.language, method: 'ngrams' };
  if (result.language && result.isReliable() && spanishWords === 0 && english === 0) return { lang: 'other', method: 'ngrams' };
  const scores = result.getScores();
  const es = scores.es ?? 0;
  const en = scores.en ?? 0;
  if (es === 0 && en === 0) {
    if (spanish === english) return { lang: result.language ? 'other' : 'und', method: 'ngrams' };
    return { lang: spanish > english ? 'es' : 'en', method: 'stopwords' };
  }
  return { lang: es >= en ? 'es' : 'en', method: 'ngrams' };
}

/** Shorthand for `identifyLanguage(text, tokens).lang`. */
export function detectLanguage(text: string, tokens?: readonly string[]): LanguageCode {
  return identifyLanguage(text, tokens).lang;
}
