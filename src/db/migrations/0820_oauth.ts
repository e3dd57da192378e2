/** 0820_oauth: sign in with the network (issue 13): the install's apps, sign-in states, pickers, token upkeep. */
export const up = `
-- The install's developer app per network (Settings → Integrations). The secret is sealed (crypto.ts).
CREATE TABLE integration_apps (
  network text PRIMARY KEY,
  client_id text NOT NULL,
  client_secret_sealed text,
  -- Set when the network refused these credentials (invalid_client), cleared when they change.
  last_error_code text,
  last_error_at timestamptz,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Apps Plaza registered itself on a server of a federated network (Mastodon: POST /api/v1/apps).
CREATE TABLE integration_instance_apps (
  network text NOT NULL,
  instance_url text NOT NULL,
  redirect_url text NOT NULL,
  app_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network, instance_url, redirect_url)
);

-- One sign-in in progress: the state (stored as its hash), PKCE verifier (sealed), who and where. Single use.
CREATE TABLE oauth_states (
  state_hash text PRIMARY KEY,
  network text NOT NULL,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  verifier_sealed text NOT NULL,
  instance_url text,
  reconnect_channel_id uuid REFERENCES channels(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- After the callback: the tokens and the accounts the user may connect (sealed), until they choose.
CREATE TABLE oauth_pickers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network text NOT NULL,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reconnect_channel_id uuid REFERENCES channels(id) ON DELETE CASCADE,
  sealed text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Token upkeep: when the access token ends, the refresh lease (one refresh per channel across
-- processes), and when the "expires soon" warning went out.
ALTER TABLE channels ADD COLUMN token_expires_at timestamptz;
-- When the connection ends unless someone reconnects (no refresh possible, or the refresh token's own end).
ALTER TABLE channels ADD COLUMN connection_expires_at timestamptz;
ALTER TABLE channels ADD COLUMN refresh_lease_until timestamptz;
ALTER TABLE channels ADD COLUMN refresh_lease_owner text;
ALTER TABLE channels ADD COLUMN expiry_warned_at timestamptz;
CREATE INDEX channels_token_expiry ON channels (token_expires_at) WHERE token_expires_at IS NOT NULL;
CREATE INDEX channels_connection_expiry ON channels (connection_expires_at) WHERE connection_expires_at IS NOT NULL;
`;
