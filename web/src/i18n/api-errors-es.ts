import { serverErrorsEs } from './server-errors-es.ts';
import { mediaErrorsEs } from './media-es.ts';
import { accountErrorsEs } from './accounts-es.ts';
import { errorTextsEs } from './error-texts-es.ts';
import { feedErrorsEs } from './feeds-es.ts';
import { reviewErrorsEs } from './review-errors-es.ts';
import { listeningDetailsErrorsEs } from './listening-details-es.ts';
import type { Dictionary } from './en.ts';
import type { apiErrorsEn } from './api-errors-en.ts';

/** Textos en español de los códigos de error del servidor que traduce la aplicación web. */
export const apiErrorsEs: Dictionary<typeof apiErrorsEn> = {
  ...serverErrorsEs,
  ...feedErrorsEs,
  ...mediaErrorsEs,
  ...accountErrorsEs,
  // Every registered server code (src/lib/error-codes.ts); last, so its texts win.
  ...errorTextsEs,
  ...reviewErrorsEs,
  ...listeningDetailsErrorsEs,
  bad_range: 'El inicio del periodo debe ser anterior a su final.',
  date_out_of_range: 'Las fechas deben estar entre los años 0002 y 9998.',
  public_url_unset:
    'PUBLIC_URL no está configurada: este enlace usa {{base}}, que otras personas quizá no puedan abrir. Pide a tu administrador que configure PUBLIC_URL.',
  unknown_reference:
    'Algo a lo que esto se refiere (campaña, objetivo, segmento, pilar, canal o publicación) no existe en este espacio de trabajo.',
  invalid_input: 'Un valor del formulario no se puede guardar. Revisa las fechas y el texto.',
  invalid_multipart: 'La subida llegó cortada o mal formada. Inténtalo de nuevo.',
  path_too_long: 'La dirección es demasiado larga.',
  bad_url: 'La dirección no es válida.',
  access_revoked: 'Tu acceso a este espacio de trabajo ha terminado.',
};
