/**
 * A bounded in-memory queue with backpressure: `push` waits while the queue is full,
 * so a fast source is paused (its socket stops being read), never dropped.
 */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private readonly waitingPushers: Array<() => void> = [];
  private waitingTaker: (() => void) | null = null;
  private closed = false;
  /** How many pushes had to wait for room (a measure of backpressure). */
  pausedPushes = 0;

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new Error('capacity must be at least 1');
  }

  /** Items waiting. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an item, waiting while the queue is full. Resolves false when the queue was closed. */
  async push(item: T): Promise<boolean> {
    if (this.items.length >= this.capacity && !this.closed) this.pausedPushes++;
    while (this.items.length >= this.capacity && !this.closed) {
      await new Promise<void>((resolve) => this.waitingPushers.push(resolve));
    }
    if (this.closed) return false;
    this.items.push(item);
    this.waitingTaker?.();
    this.waitingTaker = null;
    return true;
  }

  /** Takes up to `max` items, waiting for at least one; [] once closed and empty. */
  async take(max: number): Promise<T[]> {
    while (this.items.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => (this.waitingTaker = resolve));
    }
    const taken = this.items.splice(0, Math.max(1, max));
    // Wake as many producers as there is room for now.
    for (let room = this.capacity - this.items.length; room > 0 && this.waitingPushers.length; room--) this.waitingPushers.shift()!();
    return taken;
  }

  /** Stops the queue: waiting producers and the consumer return. Items already queued can still be taken. */
  close(): void {
    this.closed = true;
    for (const wake of this.waitingPushers.splice(0)) wake();
    this.waitingTaker?.();
    this.waitingTaker = null;
  }
}
