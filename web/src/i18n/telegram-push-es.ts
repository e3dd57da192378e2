import type { telegramPushEn } from './telegram-push-en.ts';

/** Activar y desactivar los avisos push de la bandeja en un canal de Telegram (el webhook del bot), en español. */
export const telegramPushEs: typeof telegramPushEn = {
  help: 'Telegram puede enviar a Plaza los comentarios nuevos en cuanto llegan (Plaza configura el webhook de tu bot; Plaza tiene que ser accesible en su dirección HTTPS pública, PUBLIC_URL). La consulta cada pocos minutos sigue como respaldo; nada se guarda dos veces. Con los avisos push activos, los recuentos de reacciones no están disponibles.',
  on: 'Activar la bandeja al instante',
  off: 'Desactivar la bandeja al instante',
  isOn: 'Activada: Telegram envía las actualizaciones del bot a',
  isOff: 'Desactivada: el webhook se ha borrado; Plaza consulta cada pocos minutos.',
  stateOn: 'La bandeja al instante está activada: Telegram envía los comentarios nuevos a Plaza.',
  stateOff: 'La bandeja al instante está desactivada: Plaza consulta cada pocos minutos.',
};
