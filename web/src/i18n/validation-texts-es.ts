import type { bestTimeReasonsEn, validationPlacesEn, validationTextsEn } from './validation-texts-en.ts';

/** Por qué una red rechaza una publicación, por código (src/networks/validation.ts) y sus parámetros. */
export const validationTextsEs: Record<keyof typeof validationTextsEn, string> = {
  empty_post: 'Una publicación necesita texto o medios.',
  text_too_long: 'El texto tiene {{count}} caracteres; {{network}} admite {{max}}.',
  text_too_many_bytes: 'El texto ocupa más de {{maxBytes}} bytes (demasiados símbolos combinados).',
  too_many_images: 'Como máximo {{max}} imágenes.',
  too_many_media: 'Como máximo {{max}} archivos.',
  too_few_media: 'Como mínimo {{min}} archivos.',
  too_many_links: 'Como máximo {{max}} enlaces distintos en una publicación de {{network}}; esta tiene {{count}}.',
  document_too_large: 'Los documentos deben ocupar {{maxMb}} MB o menos.',
  link_required: 'Una publicación de enlace necesita un enlace (https://…) en el texto.',
  image_too_large: 'Las imágenes deben ocupar {{maxMb}} MB o menos.',
  video_too_large: 'Los vídeos deben ocupar {{maxMb}} MB o menos.',
  video_too_long: 'El vídeo dura {{seconds}} s; como máximo {{maxSeconds}} s.',
  video_too_short: 'El vídeo dura {{seconds}} s; como mínimo {{minSeconds}} s.',
  unsupported_media_type: 'Aquí no se admiten archivos {{type}}.',
  unsupported_video_codec: 'El códec de vídeo {{codec}} no se admite; usa H.264.',
  aspect_ratio_out_of_range: 'La proporción {{ratio}} está fuera de {{min}}–{{max}}.',
  alt_too_long: 'El texto alternativo admite como máximo {{max}} caracteres.',
  mixed_media: 'Imágenes y vídeo no pueden ir en la misma publicación.',
  post_type_unsupported: '{{network}} no publica publicaciones de tipo {{postType}}.',
  media_required: 'Un {{postType}} necesita medios.',
  first_comment_unsupported: '{{network}} no admite un primer comentario.',
  first_comment_too_long: 'El primer comentario admite como máximo {{max}} caracteres.',
  thread_unsupported: '{{network}} no publica hilos.',
  option_invalid: 'La opción {{option}} tiene un valor no permitido.',
  visibility_unsupported: 'En {{network}} todas las publicaciones son públicas; «{{visibility}}» no está disponible.',
  invalid_visibility: 'Visibilidad desconocida «{{visibility}}» (usa {{allowed}}).',
  gif_not_alone: 'En {{network}} un GIF debe ser el único adjunto de su publicación.',
  content_warning_too_long: 'La advertencia de contenido tiene {{count}} caracteres; como máximo {{max}}.',
  publication_id_too_long: 'El id de la publicación es demasiado largo para esta red.',
  channel_disconnected: 'Este canal está desconectado: vuelve a conectarlo o quítalo de la publicación.',
  board_required: 'Un pin necesita un tablero: conecta el canal a un tablero o elige uno para este pin.',
  title_too_long: 'El título tiene {{count}} caracteres; {{network}} admite {{max}}.',
  link_invalid: 'El enlace debe ser una dirección web completa (https://…).',
  privacy_required: 'Elige quién puede ver esta publicación: {{network}} lo pide en cada publicación.',
  option_not_allowed_for_account: 'La cuenta en la red no admite «{{value}}» aquí ({{option}}); elige otro valor.',
  title_required: '{{network}} necesita un título.',
  angle_brackets_not_allowed: '{{network}} no admite < ni > en el texto ({{part}}).',
  tags_too_long: 'Las etiquetas ocupan {{count}} caracteres; como máximo {{max}}.',
  short_not_vertical: 'Un Short debe ser vertical o cuadrado.',
  field_required: 'La opción {{option}} es necesaria para este tipo de publicación.',
  date_range_invalid: 'El final debe ser posterior al inicio (fechas como AAAA-MM-DD, horas como HH:MM).',
  call_to_action_url_required: 'Este botón necesita un enlace (https://…).',
};

/** Dónde está el problema dentro de la publicación, según su campo. */
export const validationPlacesEs: Record<keyof typeof validationPlacesEn, string> = {
  threadPart: 'Publicación {{n}} del hilo',
  media: 'Imagen {{n}}',
  alt: 'Texto alternativo de la imagen {{n}}',
};

/** Por qué la sugerencia de mejor hora no propone ninguna (src/lib/best-time-reasons.ts), por código. */
export const bestTimeReasonsEs: Record<keyof typeof bestTimeReasonsEn, string> = {
  not_enough_posts: 'Aún no hay sugerencia: cada hora necesita al menos {{minSample}} publicaciones medidas a las 24 h.',
  no_best_cell: 'No hay sugerencia: ninguna de las mejores horas cae en la próxima semana.',
};
