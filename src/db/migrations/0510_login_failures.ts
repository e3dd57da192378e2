/** 0510_login_failures: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- Recent sign-in attempts that did not (yet) succeed, for throttling per account and per
-- address across every web process. The account is kept only as SHA-256 of the lower-cased
-- e-mail tried; rows older than the throttling window are deleted as new attempts come in.
CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  account_key text NOT NULL,
  address text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_account_idx ON login_failures (account_key, failed_at);
CREATE INDEX login_failures_address_idx ON login_failures (address, failed_at);
CREATE INDEX login_failures_time_idx ON login_failures (failed_at);
`;
