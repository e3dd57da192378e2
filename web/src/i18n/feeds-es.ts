import type { Dictionary } from './en.ts';
import type { feedErrorsEn, feedEventsEn, feedsEn } from './feeds-en.ts';

/** Feeds: de RSS/Atom a publicación (issue 16, parte 4). */
export const feedsEs: Dictionary<typeof feedsEn> = {
  nav: 'Feeds',
  title: 'Feeds RSS y Atom',
  help: 'Sigue el feed de un blog o de noticias: cada artículo nuevo se convierte en una publicación en los canales que elijas, una sola vez. Plaza revisa cada feed según su intervalo y solo pide lo que ha cambiado.',
  new: 'Añadir un feed',
  none: 'Aún no hay feeds. Añade la dirección RSS o Atom de tu blog y sus artículos nuevos llegarán como borradores.',
  url: 'Dirección del feed (RSS o Atom)',
  urlPlaceholder: 'https://tu-blog.com/feed.xml',
  name: 'Nombre',
  namePlaceholder: 'Si lo dejas vacío, el título del propio feed',
  channels: 'Canales',
  template: 'Texto de la publicación',
  templateHelp: 'Variables: {title} (título), {link} (enlace), {summary} (resumen), {author} (autor), {feed} (nombre del feed).',
  destination: 'Los artículos nuevos pasan a ser',
  destinations: {
    draft: 'Borradores',
    review: 'Publicaciones enviadas a revisión',
    queue: 'Publicaciones en una cola',
  },
  queue: 'Cola',
  trackLinks: 'Acortar el enlace y etiquetarlo con UTM (clics medidos)',
  campaign: 'Campaña (UTM y resultados)',
  campaignNone: 'Sin campaña',
  interval: 'Revisar cada (minutos)',
  create: 'Añadir y leer ahora',
  reading: 'Leyendo el feed…',
  created_one: 'Leído: {{count}} publicación nueva.',
  created_other: 'Leído: {{count}} publicaciones nuevas.',
  notModified: 'No hay nada nuevo desde la última revisión.',
  checkNow: 'Revisar ahora',
  paused: 'En pausa',
  active: 'Activo',
  delete: 'Dejar de seguir',
  confirmDelete: '¿Dejar de seguir este feed? Las publicaciones que creó se quedan.',
  lastRead: 'Leído {{when}}',
  neverRead: 'Aún sin leer',
  nextRead: 'próxima revisión {{when}}',
  problem: 'La última revisión falló: {{reason}}',
  posted_one: '{{count}} publicación creada',
  posted_other: '{{count}} publicaciones creadas',
  failed_one: '{{count}} artículo no pudo convertirse en publicación',
  failed_other: '{{count}} artículos no pudieron convertirse en publicaciones',
  items: 'Últimos artículos',
  noItems: 'Todavía no se ha usado ningún artículo.',
  openPost: 'Abrir la publicación',
  itemStatus: {
    posted: 'Publicación creada',
    skipped: 'Artículo antiguo, descartado',
    failed: 'Sin publicar',
  },
  postState: 'Publicación: {{state}}',
};

/** Textos de los códigos de error de los feeds (apiErrors.<código>). */
export const feedErrorsEs: Dictionary<typeof feedErrorsEn> = {
  feed_is_html: 'Esa dirección es una página web, no un feed. Abre la página y copia su enlace RSS o Atom.',
  feed_too_large: 'Ese feed ocupa más de 5 MB, así que Plaza no lo lee.',
  feed_unreadable: 'Esa dirección no contiene un feed RSS o Atom.',
  feed_url_not_allowed: 'Plaza no accede a esa dirección (es privada o local, o no es http/https).',
  feed_unreachable: 'No se pudo leer el feed de esa dirección. Revísala y vuelve a intentarlo.',
  feed_exists: 'Este espacio de trabajo ya sigue ese feed.',
  feed_queue_required: 'Elige la cola a la que irán los artículos nuevos.',
  feed_template_variable: 'El texto usa variables que Plaza no conoce: {{variables}}. Usa {title}, {link}, {summary}, {author} o {feed}.',
  feed_author_missing: 'Nadie en este espacio de trabajo puede firmar las publicaciones de este feed: añade un propietario.',
  feed_channels_missing: 'A este feed no le quedan canales: elige al menos uno.',
};

/** Textos de eventos (events.feed.*). */
export const feedEventsEs: Dictionary<typeof feedEventsEn> = {
  created: '{{who}} añadió un feed',
  updated: '{{who}} cambió un feed',
  deleted: '{{who}} dejó de seguir un feed',
  failed: 'No se pudo leer un feed',
  item: { created: 'Un artículo de un feed se convirtió en publicación' },
};
