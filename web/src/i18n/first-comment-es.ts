import type { firstCommentEn } from './first-comment-en.ts';

/** Textos en español de los primeros comentarios y de las tarjetas de enlace enviadas a las redes. */
export const firstCommentEs: typeof firstCommentEn = {
  label: 'Primer comentario',
  help: 'Se publica como respuesta justo después de la publicación, una sola vez (suele llevar enlaces y hashtags).',
  count: '{{count}} / {{max}}',
  tooLong: 'Demasiado largo para {{network}}: {{count}} de {{max}} caracteres.',
  status: {
    pending: 'Primer comentario: esperando a la publicación',
    retrying: 'Primer comentario: se reintentará {{when}}',
    publishing: 'Primer comentario: publicándose',
    published: 'Primer comentario publicado',
    failed: 'El primer comentario falló: {{reason}}',
  },
  open: 'Abrir el comentario',
  retry: 'Reintentar el comentario',
  retryHelp: 'Solo se vuelve a enviar el comentario; la publicación ya salió.',
  preview: 'Primer comentario',
  cardSent: 'Enviada con la tarjeta del enlace {{url}}',
  cardSkipped: 'Enviada sin tarjeta de enlace: {{reason}}',
};
