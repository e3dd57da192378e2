import type { Dictionary } from './en.ts';
import type { linkToolsEn } from './link-tools-en.ts';

/** Tarjetas de enlace que lee Plaza (issue 16, parte 5). */
export const linkToolsEs: Dictionary<typeof linkToolsEn> = {
  cardRead: 'Plaza ha leído esta tarjeta de la página (su título y su descripción); cada red vuelve a leer la página al publicar.',
  cardImage: 'La página tiene una imagen para su tarjeta',
};
