import type { serverErrorsEn } from './server-errors-en.ts';

/** Textos en español de los códigos de error del servidor que la web muestra por código (conexiones salientes). */
export const serverErrorsEs: Record<keyof typeof serverErrorsEn, string> = {
  private_address: 'Esta dirección no está permitida: Plaza no se conecta a direcciones privadas, de loopback ni de enlace local.',
  unexpected_response: 'El servidor no respondió como lo hace esta red. Revisa la dirección.',
  unreachable: 'No se pudo contactar con el servidor. Revisa la dirección e inténtalo de nuevo.',
  smtp_unreachable: 'No se pudo contactar con el servidor SMTP. Revisa su host y su puerto.',
  smtp_auth_failed: 'El servidor SMTP rechazó el usuario o la contraseña.',
  smtp_refused: 'El servidor SMTP rechazó el mensaje.',
};
