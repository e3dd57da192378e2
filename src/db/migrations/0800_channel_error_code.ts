/** 0800_channel_error_code: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- Why a channel's last check failed, as the network's code (invalid_token, unreachable, http_503…):
-- the web app shows the reason by code in the UI language; last_error keeps the raw words as a detail.
ALTER TABLE channels ADD COLUMN last_error_code text;
`;
