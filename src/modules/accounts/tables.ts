import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../db/schema.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** At most one row: the installation's first account (see migration 0600_accounts). */
export interface InstallationSetupTable {
  id: Generated<boolean>;
  first_user_id: string | null;
  created_at: Timestamp;
}

/** An invitation to a workspace by e-mail; only the token's SHA-256 is stored. */
export interface InvitationsTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  sent_count: Generated<number>;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A password reset link; only the token's SHA-256 is stored. */
export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

/** A recent sign-in attempt that did not (yet) succeed (see migration 0510_login_failures). */
export interface LoginFailuresTable {
  id: Generated<string>;
  account_key: string;
  address: string;
  failed_at: Timestamp;
}

// The account tables join the database's table map here, beside the code that owns them.
declare module '../../db/schema.ts' {
  interface Database {
    installation_setup: InstallationSetupTable;
    invitations: InvitationsTable;
    password_resets: PasswordResetsTable;
    login_failures: LoginFailuresTable;
  }
  interface UsersTable {
    password_changed_at: NullableTimestamp;
  }
}
