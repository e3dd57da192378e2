/**
 * Why a background task failed (a listening source, a scheduled report, a webhook delivery), as a
 * code stored beside the raw text (`last_error_code` beside `last_error`): the web app and the CLI
 * show the reason by code in the reader's language and keep the raw words only as a detail.
 * Import-free on purpose (the CLI loads the texts at top level); errors are read by shape.
 */
type Text = { en: string; es: string };

/** Every failure code this module produces (plus `http_<status>` and the networks' own codes), with its texts. */
export const FAILURE_REASON_TEXT = {
  unreachable: { en: 'Could not reach the server', es: 'No se pudo contactar con el servidor' },
  timeout: { en: 'The server did not answer in time', es: 'El servidor no respondió a tiempo' },
  http_error: { en: 'The server answered with an error', es: 'El servidor respondió con un error' },
  private_address: {
    en: 'The address is private, and Plaza does not connect to private addresses',
    es: 'La dirección es privada, y Plaza no se conecta a direcciones privadas',
  },
  unsafe_url: { en: 'The address is not a valid http(s) address', es: 'La dirección no es una dirección http(s) válida' },
  feed_too_large: { en: 'The feed is larger than 5 MB', es: 'El feed ocupa más de 5 MB' },
  feed_unreadable: { en: 'The address does not hold an RSS or Atom feed', es: 'La dirección no contiene un feed RSS o Atom' },
  feed_is_html: {
    en: 'The address answers a web page (HTML), not a feed: use the RSS or Atom link of that page',
    es: 'La dirección devuelve una página web (HTML), no un feed: usa el enlace RSS o Atom de esa página',
  },
  link_card_not_html: {
    en: 'The link is not a web page, so it has no card',
    es: 'El enlace no es una página web, así que no tiene tarjeta',
  },
  link_card_empty: { en: 'The page gives no title for a card', es: 'La página no da un título para la tarjeta' },
  smtp_not_configured: {
    en: 'No e-mail (SMTP) settings: set them in the workspace settings',
    es: 'No hay ajustes de correo (SMTP): configúralos en los ajustes del espacio',
  },
  smtp_unreachable: { en: 'Could not reach the SMTP server', es: 'No se pudo contactar con el servidor SMTP' },
  smtp_auth_failed: {
    en: 'The SMTP server refused the user name or password',
    es: 'El servidor SMTP rechazó el usuario o la contraseña',
  },
  smtp_refused: { en: 'The SMTP server refused the message', es: 'El servidor SMTP rechazó el mensaje' },
  storage_failed: { en: 'Plaza could not store what it received', es: 'Plaza no pudo guardar lo que recibió' },
  unexpected: { en: 'Something unexpected went wrong', es: 'Algo inesperado salió mal' },
} satisfies Record<string, Text>;

export type FailureCode = keyof typeof FAILURE_REASON_TEXT;
export const FAILURE_CODES = Object.keys(FAILURE_REASON_TEXT) as FailureCode[];

/** An Error that carries its failure code (`http_404`, `feed_too_large`…). */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

const UNREACHABLE_SYSTEM_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const TIMEOUT_SYSTEM_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const CODE_SHAPE = /^[a-z][a-z0-9_]*$/;

/**
 * The failure code of `error`: its own code when it carries one (a network's NetworkError, a
 * CodedError, an SMTP error), else what its kind or system code says (unreachable, timeout,
 * private_address), else `unexpected`. Never throws.
 */
export function failureCode(error: unknown): string {
  if (!error || typeof error !== 'object') return 'unexpected';
  const { name, code, message, cause } = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && CODE_SHAPE.test(code)) return code;
  if (name === 'UnsafeUrlError') {
    const text = typeof message === 'string' ? message : '';
    // "<host> has no address": the name does not resolve, which is not the user's address being refused.
    return /private/.test(text) ? 'private_address' : /no address/.test(text) ? 'unreachable' : 'unsafe_url';
  }
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  if (typeof code === 'string') {
    if (TIMEOUT_SYSTEM_CODES.has(code)) return 'timeout';
    if (UNREACHABLE_SYSTEM_CODES.has(code)) return 'unreachable';
  }
  // fetch wraps the system error: "fetch failed" with the reason as its cause.
  if (cause && cause !== error) {
    const inner = failureCode(cause);
    if (inner !== 'unexpected') return inner;
  }
  if (typeof message === 'string' && /fetch failed|ENOTFOUND|ECONNREFUSED|socket hang up/i.test(message)) return 'unreachable';
  return 'unexpected';
}

/** A failure code in `language` (`http_503` → "The server answered with an error (503)"); a code with no text stays as it is. */
export function failureText(code: string, language: 'en' | 'es' = 'en'): string {
  const http = /^http_(\d{3})$/.exec(code);
  if (http) return `${FAILURE_REASON_TEXT.http_error[language]} (${http[1]})`;
  const texts = (FAILURE_REASON_TEXT as Record<string, Text>)[code];
  return texts ? texts[language] : code;
}
