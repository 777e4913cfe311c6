/**
 * How many power or boot actions the bare-metal provider runs at once: in total, and per power
 * feed (inrush: servers powering on together draw a surge from the feed they share). The one home
 * of the defaults; `Pulumi.yaml` declares them as stack config (`gigafactory:bmcParallelism`,
 * `gigafactory:bmcParallelismPerFeed`) and program/config.ts holds its defaults to these.
 */

/** Power or boot actions in flight at once, across every node of a stack. */
export const DEFAULT_BMC_PARALLELISM = 64;

/** Power or boot actions in flight at once on one power feed. */
export const DEFAULT_BMC_PARALLELISM_PER_FEED = 4;

/** The bounds of the provider's semaphore. */
export interface Parallelism {
  /** Actions in flight in total. */
  readonly total: number;
  /** Actions in flight per power feed. */
  readonly perFeed: number;
}

/** The power feeds a node draws from: every feed of its rack (`riga-1-h1-r001/feed-1`). */
export function nodeFeeds(rackName: string, feeds: number): string[] {
  return Array.from({ length: feeds }, (_, i) => `${rackName}/feed-${i + 1}`);
}
