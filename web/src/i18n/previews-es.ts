import type { Dictionary } from './en.ts';
import type { previewsEn } from './previews-en.ts';

/** Textos de las vistas previas por red (features/posts/preview). */
export const previewsEs: Dictionary<typeof previewsEn> = {
  video: 'Vídeo',
  needsImage: 'Instagram solo publica con una imagen o un vídeo: añade uno.',
  pinNeedsImage: 'Un pin necesita una imagen o un vídeo: añade uno.',
  pinBoard: 'En el tablero {{board}}',
  seeMore: '… más',
  overLimit: 'Sobran {{count}} caracteres del límite de {{limit}}: {{network}} no lo aceptará.',
  carouselDot: 'Imagen {{index}} de {{count}}',
  linkCardTitle: 'Enlace a {{domain}}',
  linkCardNote: 'La red obtiene el título y la imagen del enlace al publicar; Plaza solo muestra la dirección.',
  cropNote: '{{network}} muestra las imágenes en {{ratio}}: se recorta lo que queda fuera de este marco.',
  blog: {
    byline: 'Por {{author}}',
    continue: 'Seguir leyendo →',
    untitled: '(sin título)',
  },
  youtube: {
    noThumbnail: 'Sin miniatura: YouTube elige un fotograma del vídeo. Añade una imagen para elegirla.',
    untitled: 'Vídeo sin título',
    titleNote: 'El título es la primera línea; el resto es la descripción.',
    titleCut:
      'La primera línea pasa de los {{limit}} caracteres de YouTube: el título se corta ahí. Acórtala o pon el título en una línea propia.',
  },
  googleBusiness: {
    update: 'Novedad',
    where: 'Se ve en la Búsqueda de Google y en Maps.',
  },
  gallery: {
    blogTitle: 'Otoño en Café Aroma: la nueva carta',
    blogExcerpt: 'Tarta de queso, café de tueste lento y tardes más largas: lo nuevo de la temporada.',
    sampleTitle: 'Tarta de queso y café de tueste lento',
    title: 'Cómo muestra cada red una publicación',
    intro:
      'La misma publicación tal como la mostrará cada red: nombre e imagen de la cuenta, límites de texto, tarjetas de enlace y recortes de imagen.',
    sample:
      'Tarta de queso recién hecha 🍰 y café de tueste lento en Café Aroma. Carta y horario: https://www.cafearoma.example/carta ¡Os esperamos esta tarde!',
  },
};
