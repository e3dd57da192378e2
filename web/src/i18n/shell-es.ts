import type { Dictionary } from './en.ts';
import type { shellEn } from './shell-en.ts';

/** Textos en español del marco de la aplicación (navegación agrupada), la lista de publicaciones y los eventos del calendario. */
export const shellEs: Dictionary<typeof shellEn> = {
  groups: {
    plan: 'Planificar',
    create: 'Crear',
    publish: 'Publicar',
    converse: 'Conversar',
    listen: 'Escuchar',
    measure: 'Medir',
    settings: 'Ajustes',
  },
  nav: {
    posts: 'Todas las publicaciones',
    inbox: 'Bandeja de entrada',
    listeningQueries: 'Consultas de escucha',
  },
  signingOut: 'Cerrando sesión…',
  posts: {
    title: 'Publicaciones',
    intro: 'Todas las publicaciones de la marca, también los borradores sin fecha. Las más recientes primero.',
    search: 'Buscar en el texto',
    state: 'Estado',
    channel: 'Canal',
    campaign: 'Campaña',
    author: 'Autor',
    undatedOnly: 'Solo sin fecha',
    clear: 'Quitar filtros',
    noDate: 'Sin fecha',
    empty: 'Ninguna publicación cumple estos filtros.',
    emptyAll: 'Aún no hay publicaciones. Escribe la primera en Redactar.',
    compose: 'Nueva publicación',
    more: 'Ver más',
    columns: { status: 'Estado', post: 'Publicación', channels: 'Canales', when: 'Fecha ({{zone}})', author: 'Autor' },
    unknownAuthor: 'Antiguo miembro',
    count: '{{count}} mostradas',
  },
  calendar: {
    approvedNotScheduled: 'Aprobada, sin programar',
    channels: 'Canales: {{names}}',
  },
};
