/**
 * The inbox's calls to a network with the channel's token renewed on the way: when the network
 * refuses the access token as expired or invalid and the channel signed in (OAuth), the token is
 * refreshed once (src/modules/oauth, one refresh per channel across processes) and the call made
 * again. A refused token means the network did nothing, so the second call cannot double a reply.
 */
import type { AppContext } from '../../server/context.ts';
import type { ChannelContext } from '../../networks/channel-context.ts';
import { NetworkError } from '../../networks/types.ts';
import type { ChannelRow } from '../channels/repository.ts';
import { refreshAfterAuthError } from '../oauth/refresh.ts';

const RENEWABLE = new Set(['token_expired', 'invalid_token']);

/** Runs `call` with the channel's context, and once more with renewed credentials after a refused token. */
export async function withFreshToken<T>(
  ctx: AppContext,
  channel: Pick<ChannelRow, 'id' | 'network' | 'credentials_sealed'>,
  context: ChannelContext,
  call: (context: ChannelContext) => Promise<T>,
): Promise<T> {
  try {
    return await call(context);
  } catch (error) {
    const refused = error instanceof NetworkError && error.kind === 'auth' && RENEWABLE.has(error.code);
    if (!refused || !ctx.networks.has(channel.network) || !ctx.networks.get(channel.network).oauth) throw error;
    const renewed = await refreshAfterAuthError(ctx, channel.id, channel.credentials_sealed);
    if (!renewed) throw error;
    return call({ ...context, credentials: ctx.secrets.open<Record<string, unknown>>(renewed) });
  }
}
