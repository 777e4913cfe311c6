/** Power arithmetic (NetBox power model): usable feed capacity, rack draw, facility power. */

/** The part of a power feed the arithmetic needs. */
export interface FeedRating {
  readonly voltage: number;
  readonly amperage: number;
  readonly phase: "single" | "three";
  readonly maxUtilisation: number;
}

/** Usable kW of one feed: V × A × (√3 for three-phase) × maximum utilisation / 1000. */
export function feedUsableKW(feed: FeedRating): number {
  return (feed.voltage * feed.amperage * (feed.phase === "three" ? Math.sqrt(3) : 1) * feed.maxUtilisation) / 1000;
}

/**
 * Usable kW of a rack's feeds. With 2N redundancy each feed alone must carry the rack, so the
 * weakest feed decides; with N the feeds add up.
 */
export function rackUsableKW(feeds: readonly FeedRating[], redundancy: "N" | "2N"): number {
  const each = feeds.map(feedUsableKW);
  return redundancy === "2N" ? Math.min(...each) : each.reduce((a, b) => a + b, 0);
}

/** Facility power for an IT load at a design PUE (PUE = facility energy / IT energy). */
export function facilityKW(itKW: number, designPue: number): number {
  return itKW * designPue;
}

/** kW rounded to one decimal for messages and reports. */
export function formatKW(kw: number): string {
  return `${Math.round(kw * 10) / 10} kW`;
}
