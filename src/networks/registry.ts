import { AppError } from '../lib/errors.ts';
import type { NetworkAdapter } from './types.ts';

/** The networks this process can publish to, by name. Tests may register extra ones. */
export class NetworkRegistry {
  private readonly adapters = new Map<string, NetworkAdapter>();

  constructor(adapters: NetworkAdapter[] = []) {
    for (const adapter of adapters) this.register(adapter);
  }

  /** Adds or replaces an adapter. */
  register(adapter: NetworkAdapter): void {
    this.adapters.set(adapter.name, adapter);
  }

  /** The adapter for a network; a 400 when the network is unknown. */
  get(name: string): NetworkAdapter {
    const adapter = this.adapters.get(name);
    if (!adapter) throw new AppError(400, 'unknown_network', `Unknown network: ${name}`);
    return adapter;
  }

  has(name: string): boolean {
    return this.adapters.has(name);
  }

  list(): NetworkAdapter[] {
    return [...this.adapters.values()];
  }
}
