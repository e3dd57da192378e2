import type { mediaErrorsEn } from './media-en.ts';

/** Mensajes en español de las imágenes que el servidor rechaza, por código de error. */
export const mediaErrorsEs: { [K in keyof typeof mediaErrorsEn]: string } = {
  too_large: 'El archivo es demasiado grande: las imágenes pueden ocupar como máximo 20 MB.',
  unsupported_media_type: 'Este tipo de archivo no se admite: usa imágenes PNG, JPEG, WebP o GIF, o vídeos MP4 o MOV.',
  image_too_large:
    'La imagen es demasiado grande ({{width}}×{{height}} píxeles): como máximo {{maxSide}} píxeles por lado y {{megapixels}} megapíxeles.',
  image_undecodable: 'No se ha podido leer la imagen: el archivo está dañado, cortado o no es realmente una imagen.',
  video_undecodable: 'No se ha podido leer el vídeo: el archivo está dañado o no es un vídeo MP4 o MOV.',
  upload_too_large: 'El archivo es demasiado grande: las subidas admiten como máximo {{maxMb}} MB.',
  upload_offset_mismatch: 'La subida se ha desacompasado; seguirá desde la parte que el servidor ya tiene.',
  upload_expired: 'Esta subida ha caducado. Empieza de nuevo.',
  upload_already_complete: 'Esta subida ya está completa.',
  media_link_invalid: 'Este enlace al archivo no es válido o ha caducado.',
  range_not_satisfiable: 'La parte pedida del archivo queda más allá de su final ({{size}} bytes).',
  // biblioteca de medios
  media_in_use: 'Este archivo lo usan publicaciones que aún no se han publicado. Quítalo de ellas (o cancélalas) antes.',
  crop_outside_image: 'Ese recorte no cabe dentro de la imagen. Muévelo o hazlo más pequeño.',
  crop_not_image: 'Solo se pueden recortar imágenes.',
};
