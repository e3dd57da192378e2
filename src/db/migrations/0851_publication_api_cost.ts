/** 0851_publication_api_cost: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- What publishing cost on a network that bills per API call (X), in the network's currency (USD),
-- estimated from the requests the publication needed; null on networks that do not charge.
ALTER TABLE publications ADD COLUMN api_cost_usd numeric(12, 4);
`;
