/**
 * The one semaphore of the bare-metal provider process: at most `total` power or boot actions in
 * flight, and at most `perFeed` on any one power feed. A node draws from several feeds (every feed
 * of its rack) and takes a slot on each of them at once, or waits: all or nothing, so two nodes
 * can never hold one feed each and wait on the other's. Waiters are served in arrival order, but
 * a waiter whose feeds are busy does not hold up one behind it whose feeds are free.
 */
import type { Parallelism } from "../model/baremetal/parallelism";

interface Waiter {
  readonly feeds: readonly string[];
  readonly grant: () => void;
}

/** A counting semaphore over a total and per-feed bound. */
export class FeedSemaphore {
  private limits: Parallelism;
  private inFlight = 0;
  private readonly perFeed = new Map<string, number>();
  private readonly waiting: Waiter[] = [];

  constructor(limits: Parallelism) {
    this.limits = checked(limits);
  }

  /** The bounds in force. */
  get bounds(): Parallelism {
    return this.limits;
  }

  /** Changes the bounds; actions already in flight keep their slots, new ones obey the new bounds. */
  configure(limits: Parallelism): void {
    this.limits = checked(limits);
    this.pump();
  }

  /** Actions in flight now, in total and on `feed`. */
  load(feed?: string): number {
    return feed === undefined ? this.inFlight : (this.perFeed.get(feed) ?? 0);
  }

  /** Runs `action` once a slot is free in total and on each of `feeds`; frees the slots when it settles. */
  async run<T>(feeds: readonly string[], action: () => Promise<T>): Promise<T> {
    const unique = [...new Set(feeds)];
    await this.acquire(unique);
    try {
      return await action();
    } finally {
      this.release(unique);
    }
  }

  private acquire(feeds: readonly string[]): Promise<void> {
    if (this.waiting.length === 0 && this.fits(feeds)) {
      this.take(feeds);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push({ feeds, grant: resolve });
      this.pump();
    });
  }

  private fits(feeds: readonly string[]): boolean {
    return this.inFlight < this.limits.total && feeds.every((f) => (this.perFeed.get(f) ?? 0) < this.limits.perFeed);
  }

  private take(feeds: readonly string[]): void {
    this.inFlight++;
    for (const f of feeds) this.perFeed.set(f, (this.perFeed.get(f) ?? 0) + 1);
  }

  private release(feeds: readonly string[]): void {
    this.inFlight--;
    for (const f of feeds) {
      const n = (this.perFeed.get(f) ?? 1) - 1;
      if (n === 0) this.perFeed.delete(f);
      else this.perFeed.set(f, n);
    }
    this.pump();
  }

  /** Grants, in arrival order, every waiter that fits now. */
  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.inFlight < this.limits.total;) {
      const w = this.waiting[i]!;
      if (this.fits(w.feeds)) {
        this.waiting.splice(i, 1);
        this.take(w.feeds);
        w.grant();
      } else i++;
    }
  }
}

function checked(limits: Parallelism): Parallelism {
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`the BMC parallelism ${key} should be a whole number of at least 1 (got ${value})`);
  }
  return { total: limits.total, perFeed: limits.perFeed };
}
