/** English text of server error codes the web app shows by code (outbound connections). */
export const serverErrorsEn = {
  private_address: 'This address is not allowed: Plaza does not connect to private, loopback or link-local addresses.',
  unexpected_response: 'The server did not answer like this network does. Check the address.',
  unreachable: 'Could not reach the server. Check the address and try again.',
  smtp_unreachable: 'Could not reach the SMTP server. Check its host and port.',
  smtp_auth_failed: 'The SMTP server refused the user name or password.',
  smtp_refused: 'The SMTP server refused the message.',
};
