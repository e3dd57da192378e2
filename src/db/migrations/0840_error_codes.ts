/** 0840_error_codes: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- Why a listening source, a report schedule or a webhook delivery last failed, as a code
-- (unreachable, timeout, http_503, smtp_auth_failed…): the web app and the CLI show the reason by code
-- in the reader's language; last_error keeps the raw words as a detail.
ALTER TABLE listening_sources ADD COLUMN last_error_code text;
ALTER TABLE report_schedules ADD COLUMN last_error_code text;
ALTER TABLE webhook_deliveries ADD COLUMN last_error_code text;
`;
