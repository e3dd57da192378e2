import { serverErrorsEn } from './server-errors-en.ts';
import { mediaErrorsEn } from './media-en.ts';
import { accountErrorsEn } from './accounts-en.ts';
import { errorTextsEn } from './error-texts-en.ts';
import { feedErrorsEn } from './feeds-en.ts';
import { reviewErrorsEn } from './review-errors-en.ts';
import { listeningDetailsErrorsEn } from './listening-details-en.ts';
/** English texts of server error codes the web app translates (the server's own message is the fallback). */
export const apiErrorsEn = {
  ...serverErrorsEn,
  ...feedErrorsEn,
  ...mediaErrorsEn,
  ...accountErrorsEn,
  // Every registered server code (src/lib/error-codes.ts); last, so its texts win.
  ...errorTextsEn,
  ...reviewErrorsEn,
  ...listeningDetailsErrorsEn,
  bad_range: 'The start of the period must be before its end.',
  date_out_of_range: 'Dates must fall within the years 0002–9998.',
  public_url_unset:
    'PUBLIC_URL is not set: this link uses {{base}}, which other people may not reach. Ask your administrator to set PUBLIC_URL.',
  unknown_reference: 'Something this refers to (campaign, objective, segment, pillar, channel or post) does not exist in this workspace.',
  invalid_input: 'A value in the form cannot be stored. Check dates and text.',
  invalid_multipart: 'The upload was cut off or is malformed. Try again.',
  path_too_long: 'The address is too long.',
  bad_url: 'The address is not valid.',
  access_revoked: 'Your access to this workspace has ended.',
};
