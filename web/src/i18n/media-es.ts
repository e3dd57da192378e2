import type { mediaErrorsEn } from './media-en.ts';

/** Mensajes en español de las imágenes que el servidor rechaza, por código de error. */
export const mediaErrorsEs: { [K in keyof typeof mediaErrorsEn]: string } = {
  too_large: 'El archivo es demasiado grande: las imágenes pueden ocupar como máximo 20 MB.',
  unsupported_media_type: 'Este archivo no es una imagen admitida: usa PNG, JPEG, WebP o GIF.',
  image_too_large:
    'La imagen es demasiado grande ({{width}}×{{height}} píxeles): como máximo {{maxSide}} píxeles por lado y {{megapixels}} megapíxeles.',
  image_undecodable: 'No se ha podido leer la imagen: el archivo está dañado, cortado o no es realmente una imagen.',
};
