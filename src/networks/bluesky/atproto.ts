/**
 * @atproto/api, loaded on first use rather than at start-up: it brings hundreds of modules
 * (every lexicon), which would add about a second to `npm start` for brands without Bluesky.
 * Types come from `import type`, which costs nothing at run time.
 */
import type * as Atproto from '@atproto/api';

let loaded: typeof Atproto | null = null;
let loading: Promise<typeof Atproto> | null = null;

/** The library, loaded once. */
export function atproto(): Promise<typeof Atproto> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('@atproto/api').then((module) => (loaded = module));
  return loading;
}

/** True when `error` is an XRPCError. Before the library is loaded nothing can have thrown one. */
export function isXrpcError(error: unknown): error is Atproto.XRPCError {
  return loaded !== null && error instanceof loaded.XRPCError;
}
