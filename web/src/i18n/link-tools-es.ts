import type { Dictionary } from './en.ts';
import type { linkToolsEn } from './link-tools-en.ts';

/** Tarjetas de enlace que lee Plaza (issue 16, parte 5). */
export const linkToolsEs: Dictionary<typeof linkToolsEn> = {
  cardRead: 'Plaza ha leído esta tarjeta de la página (su título y su descripción); cada red vuelve a leer la página al publicar.',
  cardImage: 'La página tiene una imagen para su tarjeta',
  shortenAll_one: 'Acortar y etiquetar el enlace del texto',
  shortenAll_other: 'Acortar y etiquetar los {{count}} enlaces del texto',
  shortenedAll_one: '{{count}} enlace del texto es ahora un enlace corto con seguimiento.',
  shortenedAll_other: '{{count}} enlaces del texto son ahora enlaces cortos con seguimiento.',
};
