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

/**
 * Spanish review and customer-service vocabulary (hotels, restaurants, shops, deliveries, apps, telecoms)
 * and public-debate words, written for Plaza from general knowledge of how Spanish speakers complain and
 * praise. Checked against Plaza's own review dev set (datasets/sentiment/dev-reviews-es.jsonl), never shared/eval.
 * Words with a small positive valence (funcionar, contestar) exist so that negation makes them count:
 * "no funciona", "nadie contesta".
 */
export const SPANISH_REVIEW_WORDS: Record<string, number> = {
  // positive: food, place, people, service
  delicioso: 2.8, delicia: 2.8, rico: 1.8, sabroso: 2.3, exquisito: 2.8, casero: 1, acogedor: 2.2, amplio: 1.4,
  espacioso: 1.5, luminoso: 1.5, tranquilo: 1.3, relajante: 1.8, agradable: 2, encantador: 2.6, encantado: 2.5,
  profesional: 1.4, puntual: 1.4, renovado: 1, generoso: 2, inolvidable: 2.8, maravilla: 3, placer: 2.3, lujo: 1.8,
  inmejorable: 3, insuperable: 3, intuitivo: 1.5, fluido: 1.2, sencillo: 1.1, practico: 1.3, variado: 1.2,
  abundante: 1.3, autentico: 1.5, calido: 1.2, cercano: 1.4, simpatia: 2.2, carino: 2.2, detallista: 1.8,
  paciencia: 1.2, resolutivo: 1.8, veloz: 1.2, gusto: 1.5, satisfecha: 2.2, recomendabilisimo: 3, gratamente: 2.2,
  superar: 1.3, sorprender: 1, cumplir: 1, solucionar: 1.5, arreglar: 1.2, repetir: 1, repetiremos: 2, repetire: 2,
  volveremos: 1.6, volvere: 1.6, funcionar: 1, contestar: 0.6, responder: 0.6, atender: 0.8, avisar: 0.5,
  servir: 0.6, trato: 0.4, fiable: 1.8, robusto: 1.3, preciso: 1, comodidad: 1.8, confortable: 1.9, silencioso: 1.2,
  mimo: 2, cuidado: 0.8, esmerado: 2, vistas: 0.8, recomendacion: 1, maravillar: 2.8, fenomenal: 2.9, estupendamente: 2.8,
  genialmente: 2.6, gozada: 2.6, pasada: 1.8, chollo: 2, ganga: 1.8, rapidez: 1.6, eficacia: 1.8, amabilidad: 2.4,
  // negative: product, place, people, service
  suciedad: -2.2, mugre: -2.5, mugriento: -2.6, estropeado: -2.2, estropear: -2, averiado: -2, viejo: -1.2,
  anticuado: -1.6, desgastado: -1.6, deteriorado: -2, hundido: -1.5, incomodo: -2, incomodidad: -2, ruido: -1.5,
  ruidoso: -2, humedad: -1.6, manchado: -2, mancha: -1.5, peste: -2.3, cucaracha: -2.8, bicho: -1.5, escaso: -1.6,
  diminuto: -1.2, crudo: -1.3, quemado: -1.6, rancio: -2.2, insipido: -2, soso: -1.6, grasiento: -1.8,
  borde: -2.3, antipatico: -2.4, desagradable: -2.5, prepotente: -2.5, chapuza: -2.6, chapucero: -2.6,
  deficiente: -2.3, mediocre: -2, flojo: -1.3, insuficiente: -1.8, deplorable: -2.8, inaceptable: -2.7,
  intolerable: -2.7, incompetencia: -2.6, negligencia: -2.6, retraso: -1.6, retrasar: -1.4, demora: -1.5,
  eternidad: -1.5, defecto: -1.8, desentender: -1.8, olvidar: -1.1, equivocar: -1.4, empeorar: -2.2,
  molestia: -1.8, molesto: -1.8, molestar: -1.5, pesadilla: -2.8, horror: -2.8, horroroso: -3, infame: -2.8,
  aranazo: -1.5, moho: -2.2, encoger: -1.2, nulo: -2, golpe: -1.2, imposible: -1.2, regalo: 1.2, regalar: 1.2,
  sablazo: -2.5, tardar: -0.9, reclamar: -1.3, ignorar: -1.5, defraudar: -2.3, decepcionar: -2.4, incumplir: -2,
  cobrar: -0.4, colgar: -0.6, cuelga: -1.2, raro: -0.8, mejorable: -1.2, abusar: -2.4, impresentable: -2.8,
  desastrosamente: -3, timar: -2.8, enganoso: -2.5, tomadura: -2.2, vergonzosamente: -2.8,
  // public debate (brands are discussed next to news): condolences, conflict, progress
  condolencias: -1.5, fallecimiento: -2.2, fallecer: -2.2, luto: -2, pesame: -1.8, lamentar: -1.8, condenar: -2,
  repulsa: -2.5, rechazo: -1.5, rechazar: -1.3, sectario: -2.2, golpista: -2.6, fascista: -2.6, extremista: -2,
  desprecio: -2.3, despreciar: -2.2, insulto: -2.3, insultar: -2.3, abandono: -1.8, incapacidad: -2.2,
  dimision: -1, dimitir: -1, manipular: -2.2, manipulacion: -2.3, chantaje: -2.6,
  libertad: 1.5, igualdad: 1.3, progreso: 1.5, avance: 1.2, avanzar: 1, bienestar: 2, homenaje: 1.5,
  compromiso: 1, solidaridad: 1.8, convivencia: 1.3, dialogo: 0.8, acuerdo: 1, emocion: 1.8,
};

/**
 * Spanish set phrases whose meaning is not the sum of their words ("merece la pena" praises even
 * though "pena" is sorrow). Keys are folded words separated by single spaces; a phrase is read as
 * one piece, so a negator before it still flips it ("no merece la pena").
 */
export const SPANISH_PHRASES: Record<string, number> = {
  'merece la pena': 2, 'vale la pena': 2, 'valio la pena': 2, 'merecio la pena': 2,
  'deja mucho que desear': -2.3, 'dejo mucho que desear': -2.3, 'dejan mucho que desear': -2.3, 'dejaba mucho que desear': -2.3,
  'brilla por su ausencia': -2.2, 'brillaba por su ausencia': -2.2, 'brillo por su ausencia': -2.2,
  'de maravilla': 2.8, 'de lujo': 2.4, 'de primera': 2, 'de pena': -2.4, 'de diez': 2, 'un diez': 2, 'de cine': 2.2,
  'en grande': 2.2, 'como en casa': 1.8, 'a la altura': 1.6, 'ni caso': -1.8, 'mala cara': -1.8, 'mal olor': -2.2,
  'tomadura de pelo': -2.6, 'tomar el pelo': -2.4, 'tomaron el pelo': -2.4, 'toman el pelo': -2.4,
  'dinero tirado': -2.4, 'tirar el dinero': -2.4, 'tirado el dinero': -2.4,
  'dejo de funcionar': -2.2, 'dejaron de funcionar': -2.2, 'que detalle': 2.2, 'todo un detalle': 2.2, 'deja de funcionar': -2.2, 'dejado de funcionar': -2.2, 'dejan de funcionar': -2.2,
  'nunca mas': -1.8, 'no volvere': -2, 'no volveremos': -2, 'no repetiremos': -2, 'no repetire': -2,
  'sin problemas': 1.4, 'sin ningun problema': 1.8, 'ningun problema': 1.4, 'sin incidencias': 1.4,
  'cobraron de mas': -2, 'cobran de mas': -2, 'cobrado de mas': -2, 'por las nubes': -1.8, 'una pasada': 2.4,
  'de chiste': -2, 'para nada recomendable': -2.5, 'en perfecto estado': 2, 'a tiempo': 1, 'a cuadros': -1.2,
  'lo peor': -2.6, 'lo mejor': 2.3, 'una verguenza': -2.8, 'que verguenza': -2.8, 'que asco': -3, 'que pena': -1.8,
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
