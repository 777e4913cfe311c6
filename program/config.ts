/**
 * The stack's configuration: which fleet, site, layer and shard this stack is. Read once by
 * `index.ts`, checked here, and handed to the composition as plain typed values.
 */
import { resolve } from "node:path";
import { DEFAULT_FLEET } from "../inventory/fleets/default";
import { DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD, SITE_SHARD } from "../model/shards";

/** The layers a site is built in, bottom up; `all` builds every layer of a small site (a lab) in one stack. */
export const LAYERS = ["physical", "baremetal", "kubernetes", "all"] as const;
export type Layer = (typeof LAYERS)[number];

/** A stack's configuration, validated. */
export interface StackConfig {
  /** Fleet directory. */
  readonly fleet: string;
  /** Site id. */
  readonly site: string;
  /** Layer this stack builds. */
  readonly layer: Layer;
  /** `site`, a fabric block such as `fabric-b0`, or a hall block such as `h1-b0`. */
  readonly shard: string;
  /** Rack numbers per hall block. */
  readonly racksPerShard: number;
  /** Compute-fabric switches per fabric block. */
  readonly switchesPerShard: number;
}

/** The raw values as `pulumi.Config` returns them (undefined when unset). */
export interface RawStackConfig {
  readonly fleet?: string;
  readonly site?: string;
  readonly layer?: string;
  readonly shard?: string;
  readonly racksPerShard?: number;
  readonly switchesPerShard?: number;
}

/** Checks the raw configuration; throws one error naming every bad key (`gigafactory:layer`). */
export function parseStackConfig(raw: RawStackConfig, projectDir: string): StackConfig {
  const problems: string[] = [];
  if (!raw.site) problems.push("gigafactory:site is required (a site id of the fleet)");
  const layer = raw.layer ?? "physical";
  if (!(LAYERS as readonly string[]).includes(layer)) problems.push(`gigafactory:layer must be one of ${LAYERS.join(", ")} (got "${layer}")`);
  const shard = raw.shard ?? SITE_SHARD;
  if (shard !== SITE_SHARD && !/^[a-z0-9-]+-b\d+$/.test(shard)) problems.push(`gigafactory:shard must be "site", fabric-b<block> or <hall>-b<block> (got "${shard}")`);
  const racksPerShard = raw.racksPerShard ?? DEFAULT_RACKS_PER_SHARD;
  if (!Number.isInteger(racksPerShard) || racksPerShard < 1) problems.push(`gigafactory:racksPerShard must be a whole number of at least 1 (got ${racksPerShard})`);
  const switchesPerShard = raw.switchesPerShard ?? DEFAULT_SWITCHES_PER_SHARD;
  if (!Number.isInteger(switchesPerShard) || switchesPerShard < 1) problems.push(`gigafactory:switchesPerShard must be a whole number of at least 1 (got ${switchesPerShard})`);
  if (problems.length > 0) throw new Error(`invalid stack configuration:\n  ${problems.join("\n  ")}`);
  return {
    fleet: resolve(projectDir, raw.fleet || DEFAULT_FLEET),
    site: raw.site!,
    layer: layer as Layer,
    shard,
    racksPerShard,
    switchesPerShard,
  };
}
