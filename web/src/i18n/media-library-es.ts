import type { Dictionary } from './en.ts';
import type { mediaLibraryEn } from './media-library-en.ts';

/** La página Medios: la biblioteca de imágenes y vídeos del espacio de trabajo. */
export const mediaLibraryEs: Dictionary<typeof mediaLibraryEn> = {
  nav: 'Medios',
  title: 'Biblioteca de medios',
  search: 'Busca por nombre, etiqueta, texto alternativo o texto de la publicación',
  tag: 'Etiqueta',
  unused: 'Solo sin usar',
  storage: '{{count}} archivos, {{size}}',
  none: 'Aún no hay nada. Los archivos que subas en el editor aparecerán aquí.',
  usedIn_one: 'Se usa en {{count}} publicación',
  usedIn_other: 'Se usa en {{count}} publicaciones',
  notUsed: 'Sin usar',
  altText: 'Texto alternativo',
  tags: 'Etiquetas',
  save: 'Guardar',
  crop: 'Recortar a',
  aspects: { square: 'Cuadrado 1:1', portrait: 'Vertical 4:5', landscape: 'Horizontal 1,91:1', vertical: 'Historia 9:16' },
  delete: 'Borrar',
  confirmDelete: '¿Borrar este archivo de la biblioteca?',
  more: 'Ver más',
  cropOf: 'Recorte de otro archivo',
};
