/**
 * Validation of a fabric's name, options and node groups, and their defaults. Every error names the
 * fabric in brackets and the field it is about: `fabric [riga-1-compute] switchRadix 63 should be …`.
 */
import { leafPorts } from "./clos";
import type { FabricNodeGroup, FabricOptions, FabricTechnology } from "./types";

/** Default switch radix: NDR QM9700 (64 × 400G) and Spectrum-4 SN5600 (64 × 800G). */
export const DEFAULT_SWITCH_RADIX = 64;

/** Default switch-to-switch speed by technology: NDR InfiniBand and Spectrum-4 Ethernet. */
export const DEFAULT_SWITCH_PORT_SPEED_GBPS: Readonly<Record<FabricTechnology, number>> = { infiniband: 400, ethernet: 800 };

/**
 * How a site's compute fabric is wired for growth: `none` builds what the nodes need now (the
 * reference design's tables; more nodes later re-plan spines and cores), `halls` wires every hall
 * as a pod of full spine groups under a core sized for the radix (`hall-fabric.ts`), so appending
 * racks and halls only adds switches, ports and cables.
 */
export type FabricGrowth = "none" | "halls";

/** The growth wiring of a site's compute fabric unless its inventory says otherwise. */
export const DEFAULT_FABRIC_GROWTH: FabricGrowth = "none";

/** Options with every default filled in and the leaf's port split worked out. */
export interface ResolvedOptions {
  readonly technology: FabricTechnology;
  readonly switchRadix: number;
  readonly switchPortSpeedGbps: number;
  readonly nodesPerScalableUnit: number;
  readonly oversubscription: number;
  readonly leafDownlinks: number;
  readonly leafUplinks: number;
}

/** A node group with its scalable-unit size decided. */
export interface ResolvedGroup {
  readonly nodes: number;
  readonly rails: number;
  readonly railSpeedGbps: number;
  readonly nodesPerScalableUnit: number;
}

/** Throws an error about fabric `name`. */
export function fail(name: string, message: string): never {
  throw new Error(`fabric [${name}] ${message}`);
}

const isPositiveInteger = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1;
const isPositive = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n > 0;

/** Checks the name used as the prefix of every switch name: a DNS label. */
export function checkName(name: string): void {
  if (typeof name !== "string" || !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
    fail(String(name), "name should be lowercase letters, digits and inner hyphens (a DNS label), as it prefixes every switch name");
  }
}

/** Checks that `field` is an integer of at least `min` and returns it. */
export function checkInteger(name: string, field: string, value: unknown, min: number): number {
  if (!Number.isInteger(value) || (value as number) < min) fail(name, `${field} ${String(value)} should be an integer of at least ${min}`);
  return value as number;
}

/** Checks a radix: an even integer of at least 4 (a leaf needs ports down and up). */
export function checkRadix(name: string, radix: unknown, field = "switchRadix"): number {
  if (!Number.isInteger(radix) || (radix as number) < 4 || (radix as number) % 2 !== 0) {
    fail(name, `${field} ${String(radix)} should be an even integer of at least 4`);
  }
  return radix as number;
}

/** Checks an oversubscription ratio: a finite number of at least 1. */
export function checkOversubscription(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 1) {
    fail(name, `oversubscription ${String(value)} should be a number of at least 1 (downlinks per uplink; 1 is non-blocking)`);
  }
  return value;
}

/** Validates the options and fills in defaults. */
export function resolveOptions(name: string, options: FabricOptions): ResolvedOptions {
  checkName(name);
  const technology = options.technology;
  if (technology !== "infiniband" && technology !== "ethernet") {
    fail(name, `technology ${String(technology)} should be "infiniband" or "ethernet"`);
  }
  const switchRadix = checkRadix(name, options.switchRadix ?? DEFAULT_SWITCH_RADIX);
  const oversubscription = checkOversubscription(name, options.oversubscription ?? 1);
  const switchPortSpeedGbps = options.switchPortSpeedGbps ?? DEFAULT_SWITCH_PORT_SPEED_GBPS[technology];
  if (!isPositive(switchPortSpeedGbps)) fail(name, `switchPortSpeedGbps ${String(switchPortSpeedGbps)} should be a positive number`);
  const { down, up } = leafPorts(switchRadix, oversubscription);
  const nodesPerScalableUnit = options.nodesPerScalableUnit ?? down;
  if (!isPositiveInteger(nodesPerScalableUnit)) fail(name, `nodesPerScalableUnit ${String(nodesPerScalableUnit)} should be a positive integer`);
  return { technology, switchRadix, switchPortSpeedGbps, nodesPerScalableUnit, oversubscription, leafDownlinks: down, leafUplinks: up };
}

/** Validates the node groups against the options; at least one node in all. */
export function resolveGroups(name: string, groups: readonly FabricNodeGroup[], options: ResolvedOptions): ResolvedGroup[] {
  if (!Array.isArray(groups) || groups.length === 0) fail(name, "has no node groups; give at least one");
  const resolved = groups.map((g, i): ResolvedGroup => {
    const at = `group [${i + 1}]`;
    if (!Number.isInteger(g.nodes) || g.nodes < 0) fail(name, `${at} nodes ${String(g.nodes)} should be a whole number`);
    if (!isPositiveInteger(g.rails)) fail(name, `${at} rails ${String(g.rails)} should be a positive integer`);
    if (!isPositive(g.railSpeedGbps)) fail(name, `${at} railSpeedGbps ${String(g.railSpeedGbps)} should be a positive number`);
    if (g.railSpeedGbps > options.switchPortSpeedGbps) {
      fail(name, `${at} railSpeedGbps ${g.railSpeedGbps} is faster than the switch ports (switchPortSpeedGbps ${options.switchPortSpeedGbps})`);
    }
    const perSu = g.nodesPerScalableUnit ?? options.nodesPerScalableUnit;
    if (!isPositiveInteger(perSu)) fail(name, `${at} nodesPerScalableUnit ${String(perSu)} should be a positive integer`);
    const leavesPerRail = Math.ceil(perSu / options.leafDownlinks);
    const groupCapacity = options.switchRadix / 2;
    if (leavesPerRail > groupCapacity) {
      fail(
        name,
        `${at} nodesPerScalableUnit ${perSu} needs ${leavesPerRail} leaves per rail, more than the ${groupCapacity} leaves a spine group of radix ${options.switchRadix} holds`,
      );
    }
    return { nodes: g.nodes, rails: g.rails, railSpeedGbps: g.railSpeedGbps, nodesPerScalableUnit: perSu };
  });
  if (resolved.every((g) => g.nodes === 0)) fail(name, "has no nodes; at least one group needs nodes");
  return resolved;
}
