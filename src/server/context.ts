import type { Logger } from 'pino';
import type { PlazaConfig } from '../config.ts';
import type { PlazaDatabase } from '../db/database.ts';
import type { SecretBox } from '../lib/crypto.ts';
import type { Clock } from '../lib/clock.ts';
import type { MediaStore } from '../modules/media/store.ts';
import type { NetworkRegistry } from '../networks/registry.ts';

/** Everything a route, command or job needs, built once at start-up and passed down. */
export interface AppContext {
  config: PlazaConfig;
  database: PlazaDatabase;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  media: MediaStore;
  networks: NetworkRegistry;
}
