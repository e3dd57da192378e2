/**
 * Messages printed on the terminal by the server and the CLI about the data folder (who owns it,
 * whether it is writable), in Spanish or English. The language follows PLAZA_LANG, then the usual
 * locale variables (LC_ALL, LC_MESSAGES, LANG); anything not Spanish reads English.
 */
const messages = {
  en: {
    lockHeld: ({ dir, who }: Params) =>
      `The data folder ${dir} is in use by ${who}. Two processes on one embedded database can corrupt it, so this one stops.`,
    lockHeldSameProcess: ({ dir }: Params) => `The data folder ${dir} is already open in this process; close it before opening it again.`,
    lockWhatToDo: ({ pid, lockFile }: Params) =>
      `What to do: use that Plaza (the CLI talks to it through its API), or stop it first (Ctrl-C in its terminal, or \`kill ${pid}\`), ` +
      `or give this process another DATA_DIR, or run several processes on one Postgres server (DATABASE_URL). ` +
      `If no Plaza runs with pid ${pid}, delete ${lockFile}.`,
    lockOtherHost: ({ lockFile }: Params) =>
      `The folder is shared with another machine, which touched the lock less than two minutes ago: stop Plaza there first. If it no longer runs, wait two minutes or delete ${lockFile}.`,
    lockUnreadable: ({ lockFile, reason }: Params) =>
      `Cannot read the lock file ${lockFile} (${reason}): it belongs to another user? Run Plaza as the user who owns the data folder.`,
    who: ({ pid, host, started, url }: Params) =>
      `Plaza (pid ${pid} on ${host}, started ${started}${url ? `, serving ${url}` : ', no web service or still starting'})`,
    readOnly: ({ dir, reason }: Params) =>
      `The data folder ${dir} is not writable (${reason}). Plaza keeps its database, media and key there: make it writable by this user (or set DATA_DIR to a writable folder).`,
    full: ({ dir, reason }: Params) =>
      `The disk holding the data folder ${dir} is full (${reason}). Free some space; Plaza recovers by itself once it can write again.`,
    unwritable: ({ dir, reason }: Params) => `Plaza cannot write to the data folder ${dir} (${reason}).`,
    cliNoWeb: ({ who, dir }: Params) =>
      `${who} owns the data folder ${dir} and has no web service this command could use. Stop it first (Ctrl-C in its terminal), run this command, then start Plaza again.`,
    cliNotLoopback: ({ who, dir }: Params) =>
      `${who} owns the data folder ${dir} but does not listen on this machine's loopback address, so this command cannot reach it. Stop it first (Ctrl-C in its terminal), run this command, then start Plaza again.`,
    cliMigrateOlder: ({ who, pending }: Params) =>
      `${who} runs an older version that lacks migrations ${pending}. Restart it (\`npx plaza start\` applies pending migrations at start), or stop it and run \`npx plaza migrate\`.`,
    cliUpToDate: ({ who }: Params) => `Database is up to date (${who} owns it and applied its migrations at start)`,
    local_admin_unavailable: ({ who }: Params) => `${who} is still starting: run the command again in a moment.`,
    local_admin_not_local: ({ who }: Params) =>
      `${who} answers administration commands only from this machine, not through a proxy: run the command on the machine where Plaza runs.`,
    local_admin_key_invalid: ({ who }: Params) =>
      `${who} did not accept the key from its lock file (it may have just restarted): run the command again.`,
  },
  es: {
    lockHeld: ({ dir, who }: Params) =>
      `La carpeta de datos ${dir} está en uso por ${who}. Dos procesos sobre una misma base de datos embebida pueden corromperla, así que este se detiene.`,
    lockHeldSameProcess: ({ dir }: Params) =>
      `La carpeta de datos ${dir} ya está abierta en este proceso; ciérrala antes de volver a abrirla.`,
    lockWhatToDo: ({ pid, lockFile }: Params) =>
      `Qué hacer: usa ese Plaza (la CLI le habla a través de su API), o detenlo antes (Ctrl-C en su terminal, o \`kill ${pid}\`), ` +
      `o da a este proceso otro DATA_DIR, o ejecuta varios procesos sobre un servidor Postgres (DATABASE_URL). ` +
      `Si no hay ningún Plaza con el pid ${pid}, borra ${lockFile}.`,
    lockOtherHost: ({ lockFile }: Params) =>
      `La carpeta se comparte con otra máquina, que tocó el bloqueo hace menos de dos minutos: detén Plaza allí primero. Si ya no se ejecuta, espera dos minutos o borra ${lockFile}.`,
    lockUnreadable: ({ lockFile, reason }: Params) =>
      `No se puede leer el fichero de bloqueo ${lockFile} (${reason}): ¿pertenece a otro usuario? Ejecuta Plaza con el usuario dueño de la carpeta de datos.`,
    who: ({ pid, host, started, url }: Params) =>
      `Plaza (pid ${pid} en ${host}, iniciado ${started}${url ? `, sirviendo ${url}` : ', sin servicio web o aún arrancando'})`,
    readOnly: ({ dir, reason }: Params) =>
      `No se puede escribir en la carpeta de datos ${dir} (${reason}). Plaza guarda allí su base de datos, los medios y la clave: da permiso de escritura a este usuario (o indica en DATA_DIR una carpeta con escritura).`,
    full: ({ dir, reason }: Params) =>
      `El disco de la carpeta de datos ${dir} está lleno (${reason}). Libera espacio; Plaza se recupera solo en cuanto puede volver a escribir.`,
    unwritable: ({ dir, reason }: Params) => `Plaza no puede escribir en la carpeta de datos ${dir} (${reason}).`,
    cliNoWeb: ({ who, dir }: Params) =>
      `${who} es dueño de la carpeta de datos ${dir} y no tiene servicio web que esta orden pueda usar. Detenlo antes (Ctrl-C en su terminal), ejecuta esta orden y vuelve a iniciar Plaza.`,
    cliNotLoopback: ({ who, dir }: Params) =>
      `${who} es dueño de la carpeta de datos ${dir} pero no escucha en la dirección local (loopback) de esta máquina, así que esta orden no puede llegar a él. Detenlo antes (Ctrl-C en su terminal), ejecuta esta orden y vuelve a iniciar Plaza.`,
    cliMigrateOlder: ({ who, pending }: Params) =>
      `${who} ejecuta una versión anterior a la que le faltan las migraciones ${pending}. Reinícialo (\`npx plaza start\` aplica las migraciones pendientes al arrancar), o detenlo y ejecuta \`npx plaza migrate\`.`,
    cliUpToDate: ({ who }: Params) => `La base de datos está al día (${who} es su dueño y aplicó sus migraciones al arrancar)`,
    local_admin_unavailable: ({ who }: Params) => `${who} aún está arrancando: vuelve a ejecutar la orden en un momento.`,
    local_admin_not_local: ({ who }: Params) =>
      `${who} solo atiende órdenes de administración desde esta máquina, no a través de un proxy: ejecuta la orden en la máquina donde corre Plaza.`,
    local_admin_key_invalid: ({ who }: Params) =>
      `${who} no aceptó la clave de su fichero de bloqueo (quizá acaba de reiniciarse): vuelve a ejecutar la orden.`,
  },
} as const;

type Params = Record<string, string | number | undefined>;
export type LocalMessageKey = keyof (typeof messages)['en'];

/** The terminal's language: `es` when PLAZA_LANG / LC_ALL / LC_MESSAGES / LANG say Spanish, else `en`. */
export function terminalLanguage(env: NodeJS.ProcessEnv = process.env): 'en' | 'es' {
  const value = env.PLAZA_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return value.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** One message about the data folder in the terminal's language (or the one given). */
export function localMessage(key: LocalMessageKey, params: Params = {}, language: 'en' | 'es' = terminalLanguage()): string {
  return messages[language][key](params);
}

/**
 * The CLI's words for an API error, by its code (the common ones; any other code reads as its
 * status's generic text, with the code shown beside it), and for a few CLI situations.
 */
const CLI_TEXT = {
  en: {
    bad_request: 'The request is not valid.',
    unauthorized: 'Not signed in: the API token is missing, wrong or revoked.',
    forbidden: 'Your role in this workspace does not allow that.',
    not_found: 'Not found (or not in a workspace you belong to).',
    conflict: 'That conflicts with the current state; reload and try again.',
    rate_limited: 'Too many requests; wait a moment and try again.',
    internal: 'The server failed; try again, and check its log if it goes on.',
    validation_failed: 'Some values are not valid.',
    invalid_for_network: 'The post does not meet the rules of one of its networks.',
    post_empty: 'Write something or attach an image: an empty post cannot be saved.',
    approval_required: 'This workspace needs approval before a post is scheduled or published.',
    scheduled_at_required: 'Give a date and time (--at).',
    scheduled_time_passed: 'The date has already passed: give a new time, or publish now.',
    transition_not_allowed: 'A post in this state cannot do that.',
    post_not_editable: 'This post can no longer be edited.',
    unknown_channel: 'Unknown channel.',
    unknown_network: 'Unknown network.',
    unknown_media: 'Unknown media file.',
    duplicate_channel: 'A channel appears twice.',
    connection_failed: 'Could not connect the channel.',
    invalid_credentials: 'Wrong e-mail or password.',
    invalid_query: 'The listening query is not valid.',
    import_failed: 'The import failed; nothing was stored.',
    bad_range: '"from" must be before "to".',
    range_too_long: 'The range is too long.',
    date_out_of_range: 'The date is out of range.',
    // recurring posts
    recurrence_invalid: 'The repeat rule is not valid (an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO;COUNT=10).',
    recurrence_too_frequent: 'A post can repeat at most once a day.',
    recurrence_unbounded: 'This repeat never ends: add COUNT or UNTIL, or --window-days.',
    recurrence_start_in_gap: 'That time does not exist on that day (the clocks go forward): pick another --at.',
    recurrence_no_occurrences: 'This repeat has no date left after now.',
    recurring_stopped: 'This recurring post was stopped.',
    // feeds
    feed_is_html: 'That address is a web page, not a feed: use the page’s RSS or Atom link.',
    feed_too_large: 'That feed is larger than 5 MB; Plaza does not read it.',
    feed_unreadable: 'That address does not hold an RSS or Atom feed.',
    feed_url_not_allowed: 'Plaza does not fetch that address (private, local, or not http/https).',
    feed_unreachable: 'Could not read the feed at that address.',
    check: 'Check',
    noToken: 'No API token: pass --token or set PLAZA_TOKEN (create one with `plaza token create --email you@example.com`)',
    error: 'Error',
  },
  es: {
    bad_request: 'La petición no es válida.',
    unauthorized: 'Sin sesión: falta el token de la API, es incorrecto o se ha revocado.',
    forbidden: 'Tu rol en este espacio de trabajo no permite hacer eso.',
    not_found: 'No existe (o no está en un espacio de trabajo al que perteneces).',
    conflict: 'Choca con el estado actual; vuelve a cargar e inténtalo de nuevo.',
    rate_limited: 'Demasiadas peticiones; espera un momento e inténtalo de nuevo.',
    internal: 'El servidor ha fallado; inténtalo de nuevo y, si sigue, revisa su registro.',
    validation_failed: 'Algunos valores no son válidos.',
    invalid_for_network: 'La publicación no cumple las reglas de alguna de sus redes.',
    post_empty: 'Escribe algo o adjunta una imagen: no se puede guardar una publicación vacía.',
    approval_required: 'Este espacio de trabajo exige aprobación antes de programar o publicar.',
    scheduled_at_required: 'Indica una fecha y hora (--at).',
    scheduled_time_passed: 'La fecha ya ha pasado: indica una hora nueva o publica ahora.',
    transition_not_allowed: 'Una publicación en este estado no puede hacer eso.',
    post_not_editable: 'Esta publicación ya no se puede editar.',
    unknown_channel: 'Canal desconocido.',
    unknown_network: 'Red desconocida.',
    unknown_media: 'Archivo de medios desconocido.',
    duplicate_channel: 'Un canal aparece dos veces.',
    connection_failed: 'No se pudo conectar el canal.',
    invalid_credentials: 'Correo o contraseña incorrectos.',
    invalid_query: 'La consulta de escucha no es válida.',
    import_failed: 'La importación ha fallado; no se ha guardado nada.',
    bad_range: '"from" debe ser anterior a "to".',
    range_too_long: 'El intervalo es demasiado largo.',
    date_out_of_range: 'La fecha está fuera del intervalo permitido.',
    // publicaciones periódicas
    recurrence_invalid: 'La regla de repetición no es válida (una RRULE de RFC 5545, como FREQ=WEEKLY;BYDAY=MO;COUNT=10).',
    recurrence_too_frequent: 'Una publicación puede repetirse como mucho una vez al día.',
    recurrence_unbounded: 'Esta repetición no termina nunca: añade COUNT o UNTIL, o --window-days.',
    recurrence_start_in_gap: 'Esa hora no existe ese día (se adelantan los relojes): elige otra --at.',
    recurrence_no_occurrences: 'Esta repetición ya no tiene fechas a partir de ahora.',
    recurring_stopped: 'Esta publicación periódica se detuvo.',
    // feeds
    feed_is_html: 'Esa dirección es una página web, no un feed: usa el enlace RSS o Atom de la página.',
    feed_too_large: 'Ese feed ocupa más de 5 MB; Plaza no lo lee.',
    feed_unreadable: 'Esa dirección no contiene un feed RSS o Atom.',
    feed_url_not_allowed: 'Plaza no accede a esa dirección (privada, local o no http/https).',
    feed_unreachable: 'No se pudo leer el feed de esa dirección.',
    check: 'Revisa',
    noToken: 'Falta el token de la API: usa --token o define PLAZA_TOKEN (crea uno con `plaza token create --email tu@ejemplo.com`)',
    error: 'Error',
  },
} as const;

/** The generic code for an HTTP status, for an error code the CLI has no words for. */
function codeForStatus(status: number): keyof (typeof CLI_TEXT)['en'] {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  return 'bad_request';
}

/** A CLI text (`check`, `noToken`, `error`) in `language`. */
export function cliText(key: 'check' | 'noToken' | 'error', language: 'en' | 'es' = terminalLanguage()): string {
  return CLI_TEXT[language][key];
}

/**
 * An API error in `language`: "Error 404: Not found … (not_found)". A code the CLI has no words for reads,
 * in English, as the server's own message (which is English), and in Spanish as its status's generic
 * text; the code is in brackets either way, so it can be looked up.
 */
export function cliErrorText(
  status: number,
  code: string | undefined,
  language: 'en' | 'es' = terminalLanguage(),
  serverMessage?: string,
): string {
  const texts = CLI_TEXT[language] as Record<string, string>;
  const known = code && code in texts && !['check', 'noToken', 'error'].includes(code) ? code : null;
  const words = known ? texts[known] : language === 'en' && serverMessage ? serverMessage : texts[codeForStatus(status)];
  return `${texts.error} ${status}: ${words}${code ? ` (${code})` : ''}`;
}
