import type { failureReasonsEn } from './failure-texts-en.ts';

/** Por qué falló una tarea en segundo plano (fuente de escucha, informe programado, webhook), por código. */
export const failureReasonsEs: Record<keyof typeof failureReasonsEn, string> = {
  unreachable: 'No se pudo contactar con el servidor. Revisa la dirección.',
  timeout: 'El servidor no respondió a tiempo.',
  http_error: 'El servidor respondió con el error {{status}}.',
  private_address: 'La dirección es privada, y Plaza no se conecta a direcciones privadas.',
  unsafe_url: 'La dirección no es una dirección http(s) válida.',
  feed_unreadable: 'La dirección no contiene un feed RSS o Atom.',
  feed_too_large: 'El feed ocupa más de 5 MB.',
  link_card_not_html: 'El enlace no es una página web, así que no tiene tarjeta.',
  link_card_empty: 'La página no da un título para la tarjeta.',
  feed_is_html: 'La dirección devuelve una página web (HTML), no un feed: usa el enlace RSS o Atom de esa página.',
  smtp_not_configured: 'No hay ajustes de correo (SMTP): configúralos más abajo.',
  smtp_unreachable: 'No se pudo contactar con el servidor SMTP. Revisa el host y el puerto.',
  smtp_auth_failed: 'El servidor SMTP rechazó el usuario o la contraseña.',
  smtp_refused: 'El servidor SMTP rechazó el mensaje.',
  storage_failed: 'Plaza no pudo guardar lo que recibió; lo volverá a intentar.',
  unexpected: 'Algo inesperado salió mal.',
};
