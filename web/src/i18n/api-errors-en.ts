/** English texts of server error codes the web app translates (the server's own message is the fallback). */
export const apiErrorsEn = {
  too_many_attempts: 'Too many sign-in attempts. Try again in {{minutes}} min.',
  public_url_unset: 'PUBLIC_URL is not set: this link uses {{base}}, which other people may not reach. Ask your administrator to set PUBLIC_URL.',
};
