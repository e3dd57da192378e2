/** 0850_sign_in_ways: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- Which way a sign-in was started when a network offers more than one (Instagram: 'facebook' for
-- Facebook Login through a Page); null for the network's own login. The callback uses the same
-- provider and app the sign-in started with.
ALTER TABLE oauth_states ADD COLUMN sign_in_way text;
`;
