/**
 * Hand-written word lists for the lexicon sentiment provider, on VADER's scale (−4 … +4).
 * Written for Plaza from general knowledge of Spanish and English social media usage; never
 * derived from the evaluation sets in shared/eval. The big lexicons come from npm packages:
 * VADER's lexicon (vader-sentiment, English) and ML-SentiCon via @nlpjs/lang-es (Spanish).
 */

/** Spanish words, written as ordinary words; the provider stems them (Snowball) to match inflections. */
export const SPANISH_WORDS: Record<string, number> = {
  // positive
  bueno: 1.9, buenisimo: 2.8, excelente: 3.1, genial: 2.9, estupendo: 2.8, fantastico: 3, maravilloso: 3.1,
  increible: 2.5, perfecto: 2.9, magnifico: 3, brillante: 2.6, espectacular: 2.9, precioso: 2.7, bonito: 2,
  lindo: 2.2, hermoso: 2.7, encantar: 3, encanta: 3, gustar: 1.8, gusta: 1.8, amar: 3, amo: 3, amor: 3, adorar: 3,
  feliz: 2.9, felicidad: 3, alegria: 2.9, contento: 2.4, satisfecho: 2.2, orgullo: 2.2, orgulloso: 2.3,
  gracias: 1.9, agradecer: 1.9, agradecido: 2.1, enhorabuena: 2.8, felicidades: 2.8, felicitar: 2.4,
  exito: 2.6, exitoso: 2.6, ganar: 1.8, logro: 2.1, lograr: 1.7, mejor: 1.8, mejorar: 1.5, mejora: 1.5,
  recomendar: 2, recomiendo: 2.2, recomendable: 2.2, util: 1.6, facil: 1.4, rapido: 1.2, comodo: 1.8,
  amable: 2.2, atento: 1.8, simpatico: 2.1, divertido: 2.2, interesante: 1.5, ideal: 2.2, top: 2,
  apoyo: 1.4, apoyar: 1.3, esperanza: 1.8, ilusion: 2, bienvenido: 1.9, celebrar: 2.2, disfrutar: 2.4,
  emocionante: 2.4, emocionado: 2.1, guapo: 2, chulo: 2, mola: 2.1, molar: 2, flipante: 2.2, crack: 2,
  gran: 1.6, grande: 0.8, limpio: 1.4, seguro: 1.2, justo: 1, calidad: 1.2, eficaz: 1.8, eficiente: 1.8,
  solucion: 1.2, resolver: 1.2, resuelto: 1.4, acierto: 2, valiente: 1.9, honesto: 2, impecable: 2.9,
  // negative
  malo: -2.5, mal: -2.1, pesimo: -3.1, horrible: -3.1, terrible: -3.1, fatal: -2.8, desastre: -3, desastroso: -3.1,
  odiar: -3.2, odio: -3.2, asco: -3, asqueroso: -3.1, triste: -2.1, tristeza: -2.2, pena: -1.8, lamentable: -2.8,
  vergonzoso: -2.8, verguenza: -2.6, ridiculo: -2.3, basura: -2.9, mierda: -3, estafa: -3.1, estafar: -3,
  timo: -2.9, fraude: -3, enganar: -2.6, engano: -2.6, mentira: -2.5, mentir: -2.4, mentiroso: -2.8,
  robo: -2.8, robar: -2.6, ladron: -2.9, corrupto: -3, corrupcion: -3, peor: -2.3, problema: -1.7,
  fallo: -1.9, fallar: -1.8, error: -1.8, roto: -1.9, averia: -1.9, defectuoso: -2.3, lento: -1.5,
  caro: -1.3, abusivo: -2.6, abuso: -2.6, injusto: -2.3, injusticia: -2.5, decepcion: -2.4, decepcionante: -2.5,
  decepcionado: -2.4, queja: -1.7, quejar: -1.6, reclamacion: -1.4, cancelar: -1.2, devolver: -0.8, enfadado: -2.3,
  enfado: -2.2, harto: -2.4, cabreado: -2.6, indignado: -2.5, indignante: -2.7, indignacion: -2.5, rabia: -2.5,
  miedo: -2, preocupado: -1.6, preocupante: -1.9, peligro: -2, peligroso: -2.2, grave: -1.9, crisis: -2,
  muerte: -2.6, morir: -2.5, muerto: -2.4, victima: -2, violencia: -3, ataque: -2.3, atacar: -2.2, amenaza: -2.3,
  culpa: -1.8, culpable: -2, fracaso: -2.7, fracasar: -2.5, perder: -1.6, perdida: -1.8, inutil: -2.5,
  incompetente: -2.7, incapaz: -2.2, nefasto: -3, penoso: -2.6, cutre: -2.2, porqueria: -2.9, fake: -1.8,
  sucio: -1.9, roñoso: -2, grosero: -2.4, maleducado: -2.4, esperar: -0.3, espera: -0.5, nunca: -0.3,
  vergonzante: -2.7, paro: -1.4, pobreza: -2.2, recorte: -1.6, recortes: -1.6, dolor: -2.2, sufrir: -2.2,
  destruir: -2.6, mentiras: -2.5, caos: -2.4, ruina: -2.8, odioso: -2.9, estupido: -2.8, idiota: -2.9, tonto: -2,
};

/** English words that VADER's lexicon lacks or that brand mentions use differently. */
export const ENGLISH_EXTRA_WORDS: Record<string, number> = {
  scam: -3, scammed: -3, refund: -0.8, broken: -2, outage: -2.1, downtime: -1.8, buggy: -2, laggy: -1.8,
  overpriced: -2, rip: -0.5, unusable: -2.6, disappointing: -2.4, recommend: 1.8, recommended: 1.8,
  lit: 1.5, goat: 1.8, awesome: 3.1,
};

/** Words that strengthen the next sentiment word. */
export const SPANISH_BOOSTERS = new Set((
  'muy mucho mucha muchos muchas muchisimo super re requete tan tanto bastante demasiado realmente totalmente ' +
  'increiblemente extremadamente sumamente absolutamente completamente tremendamente especialmente enormemente'
).split(' '));
export const ENGLISH_BOOSTERS = new Set((
  'very really so too extremely totally absolutely completely incredibly especially highly hugely super most ' +
  'truly utterly fucking freaking damn such quite deeply entirely enormously exceptionally'
).split(' '));
/** Words that soften the next sentiment word. */
export const SPANISH_DAMPENERS = new Set('poco algo apenas medio casi ligeramente'.split(' '));
export const ENGLISH_DAMPENERS = new Set('slightly somewhat barely hardly kinda sorta little marginally partly'.split(' '));

/** Negators: a sentiment word within the 3 words after one has its polarity flipped and weakened. */
export const SPANISH_NEGATORS = new Set('no nunca jamas ni tampoco nada nadie sin ningun ninguno ninguna'.split(' '));
export const ENGLISH_NEGATORS = new Set((
  'not no never nor none nobody nothing neither without cannot cant dont doesnt didnt isnt arent wasnt werent ' +
  'wont wouldnt shouldnt couldnt aint hasnt havent hadnt'
).split(' '));

/** Contrast words: what follows weighs more than what came before ("bonito, pero caro"). */
export const SPANISH_CONTRAST = new Set(['pero', 'aunque', 'sinembargo']);
export const ENGLISH_CONTRAST = new Set(['but', 'however', 'although', 'though']);

/** Emojis and their valence, for both languages. */
export const EMOJI_VALENCE: Record<string, number> = {
  '😀': 2.2, '😃': 2.3, '😄': 2.4, '😁': 2.3, '😆': 2.1, '😂': 1.6, '🤣': 1.7, '😊': 2.4, '🙂': 1.4, '😉': 1.5,
  '😍': 3, '🥰': 3, '😘': 2.5, '😋': 2, '😎': 1.9, '🤩': 2.9, '🥳': 2.8, '🤗': 2.2, '👍': 1.9, '👏': 2.1,
  '🙌': 2.3, '💪': 1.8, '🎉': 2.5, '🎊': 2.3, '✨': 1.4, '🌟': 1.9, '⭐': 1.6, '🔥': 1.5, '💯': 2, '✅': 1.2,
  '❤': 2.8, '❤️': 2.8, '♥': 2.6, '💕': 2.7, '💖': 2.8, '💙': 2.4, '💚': 2.4, '💜': 2.4, '🧡': 2.4, '💛': 2.4,
  '🙏': 1.4, '🤝': 1.5, '🏆': 2.2, '🥇': 2.2, '👌': 1.8, '😇': 2, '☺': 2.2, '☺️': 2.2,
  '😐': -0.4, '😑': -0.6, '😕': -1.4, '🙁': -1.8, '☹': -2.1, '☹️': -2.1, '😞': -2.2, '😟': -1.9, '😢': -2.3,
  '😭': -2.4, '😩': -2.2, '😫': -2.2, '😤': -2.2, '😠': -2.6, '😡': -2.9, '🤬': -3.1, '🤮': -2.8, '🤢': -2.4,
  '💩': -2.2, '👎': -2.1, '💔': -2.6, '😒': -1.9, '🙄': -1.7, '😔': -2, '😣': -2, '😖': -2.2, '😱': -1.6,
  '😨': -1.9, '😰': -1.9, '🤦': -1.8, '🤦‍♂️': -1.8, '🤦‍♀️': -1.8, '😬': -1, '❌': -1.4, '⚠': -1, '⚠️': -1,
};
