/** Power arithmetic (NetBox power model): usable feed capacity, rack draw, facility power. */
import { roundTenth } from "./round";

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

/** What a rack's draw needs of its type: its nodes by blueprint, and the draw of everything else in it. */
export interface RackContents {
  readonly overheadKW: number;
  readonly nodes: readonly { readonly blueprint: string; readonly count: number }[];
}

/** Power drawn by a rack of this type: its nodes plus everything else in it. */
export function rackDrawKW(type: RackContents, blueprints: ReadonlyMap<string, { readonly powerKW: number }>): number {
  return type.nodes.reduce((kw, n) => kw + n.count * blueprints.get(n.blueprint)!.powerKW, type.overheadKW);
}

/** A rack's draw against what its feeds allow. */
export interface RackPower {
  readonly drawKW: number;
  readonly usableKW: number;
}

/** The draw and the usable feed capacity of one rack of this type. */
export function rackPower(
  type: RackContents & { readonly feeds: readonly FeedRating[]; readonly redundancy: "N" | "2N" },
  blueprints: ReadonlyMap<string, { readonly powerKW: number }>,
): RackPower {
  return { drawKW: rackDrawKW(type, blueprints), usableKW: rackUsableKW(type.feeds, type.redundancy) };
}

/**
 * Whether a rack draws more than its feeds allow: the one test the loader, the
 * `rack-power-capacity` rule and the `Rack` component apply.
 */
export function overdrawn(power: RackPower): boolean {
  return power.drawKW > power.usableKW;
}

/** What the feeds allow beyond the draw (negative when the rack is overdrawn). */
export function headroomKW(power: RackPower): number {
  return power.usableKW - power.drawKW;
}

/** Facility power for an IT load at a design PUE (PUE = facility energy / IT energy). */
export function facilityKW(itKW: number, designPue: number): number {
  return itKW * designPue;
}

/** kW rounded to one decimal for messages and reports. */
export function formatKW(kw: number): string {
  return `${roundTenth(kw)} kW`;
}
