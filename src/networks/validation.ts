/**
 * Issues an adapter's `validate` reports, by code. The web app and the CLI show them in the
 * reader's language from the code and its params; `message`/`messageEs` are filled from the
 * table below for API clients that print them as they are. A new code needs its texts here and
 * in the web app (web/src/i18n/validation-texts-*.ts); the i18n coverage test checks both.
 */
import type { ValidationIssue } from './types.ts';

type Params = Record<string, string | number>;
type Text = (p: Params) => string;

/** Every validation issue code, with its English and Spanish text. */
export const VALIDATION_ISSUE_TEXTS = {
  empty_post: { en: () => 'A post needs text or media.', es: () => 'Una publicación necesita texto o medios.' },
  text_too_long: {
    en: (p) => `The text is ${p.count} characters long; ${p.network} allows ${p.max}.`,
    es: (p) => `El texto tiene ${p.count} caracteres; ${p.network} admite ${p.max}.`,
  },
  too_many_images: { en: (p) => `At most ${p.max} images.`, es: (p) => `Como máximo ${p.max} imágenes.` },
  too_many_media: { en: (p) => `At most ${p.max} media items.`, es: (p) => `Como máximo ${p.max} archivos.` },
  too_few_media: { en: (p) => `At least ${p.min} media items.`, es: (p) => `Como mínimo ${p.min} archivos.` },
  image_too_large: { en: (p) => `Images must be ${p.maxMb} MB or smaller.`, es: (p) => `Las imágenes deben ocupar ${p.maxMb} MB o menos.` },
  video_too_large: { en: (p) => `Videos must be ${p.maxMb} MB or smaller.`, es: (p) => `Los vídeos deben ocupar ${p.maxMb} MB o menos.` },
  video_too_long: {
    en: (p) => `The video lasts ${p.seconds} s; at most ${p.maxSeconds} s.`,
    es: (p) => `El vídeo dura ${p.seconds} s; como máximo ${p.maxSeconds} s.`,
  },
  video_too_short: {
    en: (p) => `The video lasts ${p.seconds} s; at least ${p.minSeconds} s.`,
    es: (p) => `El vídeo dura ${p.seconds} s; como mínimo ${p.minSeconds} s.`,
  },
  unsupported_media_type: { en: (p) => `${p.type} files are not accepted here.`, es: (p) => `Aquí no se admiten archivos ${p.type}.` },
  unsupported_video_codec: {
    en: (p) => `The video codec ${p.codec} is not accepted; use H.264.`,
    es: (p) => `El códec de vídeo ${p.codec} no se admite; usa H.264.`,
  },
  aspect_ratio_out_of_range: {
    en: (p) => `The aspect ratio ${p.ratio} is outside ${p.min}–${p.max}.`,
    es: (p) => `La proporción ${p.ratio} está fuera de ${p.min}–${p.max}.`,
  },
  alt_too_long: {
    en: (p) => `Alt text is limited to ${p.max} characters.`,
    es: (p) => `El texto alternativo admite como máximo ${p.max} caracteres.`,
  },
  mixed_media: {
    en: () => 'Images and a video cannot go in the same post.',
    es: () => 'Imágenes y vídeo no pueden ir en la misma publicación.',
  },
  post_type_unsupported: {
    en: (p) => `${p.network} does not publish ${p.postType} posts.`,
    es: (p) => `${p.network} no publica publicaciones de tipo ${p.postType}.`,
  },
  media_required: { en: (p) => `A ${p.postType} needs media.`, es: (p) => `Un ${p.postType} necesita medios.` },
  first_comment_unsupported: {
    en: (p) => `${p.network} does not take a first comment.`,
    es: (p) => `${p.network} no admite un primer comentario.`,
  },
  first_comment_too_long: {
    en: (p) => `The first comment is limited to ${p.max} characters.`,
    es: (p) => `El primer comentario admite como máximo ${p.max} caracteres.`,
  },
  thread_unsupported: { en: (p) => `${p.network} does not publish threads.`, es: (p) => `${p.network} no publica hilos.` },
  too_many_links: {
    en: (p) => `At most ${p.max} different links in one ${p.network} post; this one has ${p.count}.`,
    es: (p) => `Como máximo ${p.max} enlaces distintos en una publicación de ${p.network}; esta tiene ${p.count}.`,
  },
  document_too_large: {
    en: (p) => `Documents must be ${p.maxMb} MB or smaller.`,
    es: (p) => `Los documentos deben ocupar ${p.maxMb} MB o menos.`,
  },
  link_required: {
    en: () => 'A link post needs a link (https://…) in its text.',
    es: () => 'Una publicación de enlace necesita un enlace (https://…) en el texto.',
  },
  option_invalid: {
    en: (p) => `The option ${p.option} has a value that is not allowed.`,
    es: (p) => `La opción ${p.option} tiene un valor no permitido.`,
  },
  text_too_many_bytes: {
    en: (p) => `The text takes more than ${p.maxBytes} bytes (too many combined symbols).`,
    es: (p) => `El texto ocupa más de ${p.maxBytes} bytes (demasiados símbolos combinados).`,
  },
  visibility_unsupported: {
    en: (p) => `${p.network} posts are always public; "${p.visibility}" is not available.`,
    es: (p) => `En ${p.network} todas las publicaciones son públicas; "${p.visibility}" no está disponible.`,
  },
  invalid_visibility: {
    en: (p) => `Unknown visibility "${p.visibility}" (use ${p.allowed}).`,
    es: (p) => `Visibilidad desconocida "${p.visibility}" (usa ${p.allowed}).`,
  },
  gif_not_alone: {
    en: (p) => `On ${p.network} a GIF must be the only attachment of its post.`,
    es: (p) => `En ${p.network} un GIF debe ser el único adjunto de su publicación.`,
  },
  content_warning_too_long: {
    en: (p) => `The content warning has ${p.count} characters; at most ${p.max}.`,
    es: (p) => `La advertencia de contenido tiene ${p.count} caracteres; como máximo ${p.max}.`,
  },
  publication_id_too_long: {
    en: () => 'The publication id is too long for this network.',
    es: () => 'El id de la publicación es demasiado largo para esta red.',
  },
  channel_disconnected: {
    en: () => 'This channel is disconnected: reconnect it or remove it from the post.',
    es: () => 'Este canal está desconectado: vuelve a conectarlo o quítalo de la publicación.',
  },
  board_required: {
    en: () => 'A pin needs a board: connect the channel to a board or choose one for this pin.',
    es: () => 'Un pin necesita un tablero: conecta el canal a un tablero o elige uno para este pin.',
  },
  title_too_long: {
    en: (p) => `The title is ${p.count} characters long; ${p.network} allows ${p.max}.`,
    es: (p) => `El título tiene ${p.count} caracteres; ${p.network} admite ${p.max}.`,
  },
  link_invalid: {
    en: () => 'The link must be a full web address (https://…).',
    es: () => 'El enlace debe ser una dirección web completa (https://…).',
  },
  privacy_required: {
    en: (p) => `Choose who can see this post: ${p.network} asks for it on every post.`,
    es: (p) => `Elige quién puede ver esta publicación: ${p.network} lo pide en cada publicación.`,
  },
  option_not_allowed_for_account: {
    en: (p) => `The account on the network does not allow "${p.value}" here (${p.option}); choose another value.`,
    es: (p) => `La cuenta en la red no admite «${p.value}» aquí (${p.option}); elige otro valor.`,
  },
  title_required: { en: (p) => `${p.network} needs a title.`, es: (p) => `${p.network} necesita un título.` },
  angle_brackets_not_allowed: {
    en: (p) => `${p.network} does not accept < or > in the ${p.part}.`,
    es: (p) =>
      `${p.network} no admite < ni > en ${p.part === 'title' ? 'el título' : p.part === 'tags' ? 'las etiquetas' : 'la descripción'}.`,
  },
  tags_too_long: {
    en: (p) => `The tags take ${p.count} characters; at most ${p.max}.`,
    es: (p) => `Las etiquetas ocupan ${p.count} caracteres; como máximo ${p.max}.`,
  },
  short_not_vertical: {
    en: () => 'A Short must be vertical or square.',
    es: () => 'Un Short debe ser vertical o cuadrado.',
  },
  field_required: {
    en: (p) => `The option ${p.option} is needed for this kind of post.`,
    es: (p) => `La opción ${p.option} es necesaria para este tipo de publicación.`,
  },
  date_range_invalid: {
    en: () => 'The end must come after the start (dates as YYYY-MM-DD, times as HH:MM).',
    es: () => 'El final debe ser posterior al inicio (fechas como AAAA-MM-DD, horas como HH:MM).',
  },
  call_to_action_url_required: {
    en: () => 'This button needs a link (https://…).',
    es: () => 'Este botón necesita un enlace (https://…).',
  },
} satisfies Record<string, { en: Text; es: Text }>;

export type ValidationIssueCode = keyof typeof VALIDATION_ISSUE_TEXTS;

/** An issue on `field` (e.g. 'text', 'media.0', 'thread.1.text'), texts from the table. */
export function validationIssue(field: string, code: ValidationIssueCode, params: Params = {}): ValidationIssue {
  const texts = VALIDATION_ISSUE_TEXTS[code] as { en: Text; es: Text };
  return { field, code, params, message: texts.en(params), messageEs: texts.es(params) };
}
