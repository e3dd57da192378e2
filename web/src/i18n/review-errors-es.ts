import type { reviewErrorsEn } from './review-errors-en.ts';

/** Textos en español de los códigos de error del flujo de publicaciones. */
export const reviewErrorsEs: Record<keyof typeof reviewErrorsEn, string> = {
  scheduled_time_passed: 'La fecha ya ha pasado: elige una hora nueva o publícala ahora.',
  post_empty: 'Escribe algo o añade una imagen: no se puede guardar una publicación vacía.',
  restore_window_passed: 'Esta publicación se anuló hace demasiado tiempo para recuperarla.',
  approval_required: 'Este espacio requiere aprobación: envía primero la publicación a revisión.',
};
