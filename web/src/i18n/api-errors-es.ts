import type { Dictionary } from './en.ts';
import type { apiErrorsEn } from './api-errors-en.ts';

/** Textos en español de los códigos de error del servidor que traduce la aplicación web. */
export const apiErrorsEs: Dictionary<typeof apiErrorsEn> = {
  too_many_attempts: 'Demasiados intentos de acceso. Vuelve a intentarlo dentro de {{minutes}} min.',
  public_url_unset: 'PUBLIC_URL no está configurada: este enlace usa {{base}}, que otras personas quizá no puedan abrir. Pide a tu administrador que configure PUBLIC_URL.',
};
