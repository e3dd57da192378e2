import type { ListeningSourceKind } from '../modules/listening/sources/types.ts';
import type { NetworkAdapter } from './types.ts';

/**
 * Everything one network brings, exported by its folder's index.ts and listed once in
 * networks/index.ts: its publishing adapter and its listening sources (if any).
 * (Apart from types.ts so that the adapter contract does not depend on the listening module.)
 */
export interface NetworkPackage {
  readonly adapter: NetworkAdapter;
  /** Kinds of listening source that read this network (settings schema, form fields, runner). */
  readonly listeningSources: readonly ListeningSourceKind[];
}
