import type { Dictionary } from './en.ts';
import type { teamEn } from './team-en.ts';

/** Textos en español del equipo, la moneda, la herramienta de enlaces y las notificaciones (issue 12, puntos 15, 16 y 20). */
export const teamEs: Dictionary<typeof teamEn> = {
  currency: {
    label: 'Moneda',
    help: 'Presupuestos, costes y ventas se cuentan en esta moneda.',
  },
  roles: {
    guideTitle: 'Qué puede hacer cada rol',
    guideHelp: 'Sacado de las reglas de permisos de Plaza: cada rol puede hacer justo lo marcado.',
    can: 'Puede: {{list}}',
    cannot: 'No puede: {{list}}',
    allowed: 'Permitido',
    notAllowed: 'No permitido',
    permission: 'Qué',
    permissions: {
      read: 'ver el calendario, las publicaciones, la analítica y la escucha',
      comment: 'comentar publicaciones',
      post_write: 'escribir y editar publicaciones',
      post_approve: 'aprobar o rechazar publicaciones',
      post_publish: 'programar, publicar ya, cancelar y reintentar publicaciones',
      channel_manage: 'conectar y desconectar canales',
      member_manage: 'invitar a personas y cambiar sus roles',
      workspace_manage: 'cambiar los ajustes del espacio de trabajo',
      workspace_delete: 'borrar el espacio de trabajo',
      webhook_manage: 'configurar webhooks hacia otras herramientas',
      integration_manage: 'configurar las apps de cada red (ID de cliente y secreto)',
      listening_write: 'escribir búsquedas de escucha y corregir el sentimiento',
      listening_manage: 'añadir fuentes de escucha y umbrales de alerta',
      inbox_reply: 'responder, asignar, etiquetar y resolver conversaciones de la bandeja',
      inbox_manage: 'gestionar las respuestas guardadas y sincronizar la bandeja',
      client_link_manage: 'crear y retirar enlaces de aprobación para clientes sin cuenta',
    },
  },
  workspace: {
    switched: 'Ahora trabajas en {{name}}.',
  },
  links: {
    open: 'Acortar un enlace',
    title: 'Enlace corto con seguimiento',
    help: 'Plaza acorta el enlace y le añade etiquetas para que tu analítica sepa que el clic vino de esta publicación, esta red y esta campaña.',
    url: 'Enlace que acortar',
    pickUrl: 'Enlace del texto',
    source: 'Origen (utm_source)',
    sourceHelp: 'La red, para poder comparar redes.',
    medium: 'Medio (utm_medium)',
    campaign: 'Campaña (utm_campaign)',
    campaignHelp: 'Se guarda tal como la escribes.',
    mixedNetworks: 'La publicación va a varias redes y un enlace corto lleva un solo origen. Elige la red o escribe «social».',
    shorten: 'Acortar y poner en el texto',
    shortenOnly: 'Acortar',
    done: 'Se ha cambiado {{long}} por {{short}} en el texto.',
    created: 'Enlace corto listo:',
    destination: 'Abre: {{url}}',
    noLinks: 'Escribe o pega un enlace (https://…) en el texto, o escríbelo aquí.',
    close: 'Cerrar',
  },
  notifications: {
    about: '«{{excerpt}}»',
  },
};
