/** 0810_workspace_currency: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- The currency a workspace counts money in (budgets, costs, conversion values): an ISO 4217 code.
-- Workspaces from before this change are in euros, the only currency Plaza assumed until now.
ALTER TABLE workspaces ADD COLUMN currency text NOT NULL DEFAULT 'EUR';
`;
