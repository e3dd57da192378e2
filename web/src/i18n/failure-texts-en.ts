/**
 * Why a background task failed (a listening source, a scheduled report, a webhook delivery), by the
 * code the server stores beside the raw text (src/lib/failure-code.ts). A network's own codes are
 * worded by networkReasons.
 */
export const failureReasonsEn = {
  unreachable: 'Could not reach the server. Check the address.',
  timeout: 'The server did not answer in time.',
  http_error: 'The server answered with error {{status}}.',
  private_address: 'The address is private, and Plaza does not connect to private addresses.',
  unsafe_url: 'The address is not a valid http(s) address.',
  feed_unreadable: 'The address does not hold an RSS or Atom feed.',
  feed_too_large: 'The feed is larger than 5 MB.',
  link_card_not_html: 'The link is not a web page, so it has no card.',
  link_card_empty: 'The page gives no title for a card.',
  feed_is_html: 'The address answers a web page (HTML), not a feed: use the RSS or Atom link of that page.',
  smtp_not_configured: 'No e-mail (SMTP) settings: set them below.',
  smtp_unreachable: 'Could not reach the SMTP server. Check its host and port.',
  smtp_auth_failed: 'The SMTP server refused the user name or password.',
  smtp_refused: 'The SMTP server refused the message.',
  storage_failed: 'Plaza could not store what it received; it will try again.',
  unexpected: 'Something unexpected went wrong.',
};
