import type { metaPushEn } from './meta-push-en.ts';

/** La configuración de avisos push (webhook) en la tarjeta de un canal de Facebook, Instagram o Threads, en español. */
export const metaPushEs: typeof metaPushEn = {
  open: 'Configurar la bandeja al instante (webhook de Meta)',
  reopen: 'Cambiar el secreto de la app (webhook de Meta)',
  stateOn: 'La bandeja al instante está activada: este canal recibe los avisos de Meta.',
  title: 'Bandeja al instante: webhook de Meta',
  help: 'Meta puede enviar a Plaza los comentarios, respuestas y mensajes nuevos en cuanto llegan, en vez de que Plaza los consulte cada pocos minutos. Meta firma cada aviso con el secreto de tu app de Meta.',
  secretLabel: 'Secreto de la app',
  secretHelp:
    'Panel de apps de Meta → Configuración de la app → Básica → Clave secreta de la app (para Threads, la clave secreta de la app de Threads, en la misma página). Se guarda cifrado; uno nuevo sustituye al anterior.',
  save: 'Guardar',
  saved: 'Guardado. Pega estos dos valores en el panel de tu app de Meta:',
  callbackUrl: 'URL de devolución de llamada',
  verifyToken: 'Token de verificación',
  next: 'Webhooks → suscribe la página (feed, messages) o Instagram (comments, mentions, messages); para Threads, el campo replies del tema Moderate. La consulta cada pocos minutos sigue como respaldo; nada se guarda dos veces.',
  copy: 'Copiar',
  copied: 'Copiado',
};
