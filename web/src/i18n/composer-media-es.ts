import type { composerMediaEn } from './composer-media-en.ts';

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** Textos en español de los tipos de publicación, subidas de vídeo, carruseles, primeros comentarios y opciones de cada red. */
export const composerMediaEs: Texts<typeof composerMediaEn> = {
  postType: 'Tipo de publicación',
  postTypeHelp: 'Solo los tipos que publica esta red.',
  postTypeAuto: 'Según los archivos (texto, imagen o vídeo)',
  postTypes: {
    text: 'Texto',
    link: 'Enlace',
    image: 'Imagen',
    carousel: 'Carrusel',
    video: 'Vídeo',
    reel: 'Reel',
    story: 'Historia',
    thread: 'Hilo',
    document: 'Documento',
  },
  firstComment: 'Primer comentario',
  firstCommentHelp: 'Se publica como comentario justo después de la publicación (suele llevar enlaces y hashtags).',
  lockedByAccount: 'Lo fija la cuenta en la red: Plaza no puede cambiarlo.',
  accountChoicesHelp: 'Elige entre las que ya hay en {{network}} o escribe una nueva y pulsa Intro.',
  accountChoicesLoading: 'Leyéndolas de la red…',
  addMedia: 'Añadir imagen o vídeo',
  uploading: 'Subiendo {{name}}: {{percent}} %',
  uploadResumed: 'Se cortó la conexión; la subida sigue desde donde se quedó.',
  video: 'Vídeo',
  moveUp: 'Mover antes',
  moveDown: 'Mover después',
  carouselHint: 'Orden del carrusel: el primer elemento es la portada.',
  mediaByUrl: {
    public_url_missing:
      '{{network}} descarga las imágenes y vídeos desde la dirección pública de Plaza, y PUBLIC_URL no está configurada: no se pueden publicar ahí publicaciones con archivos. Configura PUBLIC_URL con una dirección accesible desde internet.',
    public_url_not_public:
      '{{network}} descarga las imágenes y vídeos desde la dirección pública de Plaza, y PUBLIC_URL no es accesible desde internet: no se pueden publicar ahí publicaciones con archivos.',
  },
  firstCommentPublished: 'Primer comentario publicado ({{id}})',
};
