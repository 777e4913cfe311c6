/**
 * How a site is split into stacks of bounded size. A stack is one site, one layer and one shard;
 * shard `site` holds what is site-wide (facility, fabrics, pools, storage); `fabric-b<n>` a block
 * of compute-fabric switches (in the builder's order: leaves by scalable unit, then spines, then
 * cores), or, on a fabric wired for halls, `fabric-<hall>-b<n>` a block of one hall's spine groups
 * with their leaves and `fabric-core-b<n>` a block of cores, so appending racks or halls moves no
 * switch; and `<hall>-b<n>` a block of rack numbers of one hall: `h1-b0` holds racks 1…R of hall
 * h1, `h1-b1` racks R+1…2R. A rack's shard depends only on its hall and number, so appending
 * racks or halls moves none.
 */

/** The site-wide shard. */
export const SITE_SHARD = "site";

/** Racks per shard unless the stack says otherwise. */
export const DEFAULT_RACKS_PER_SHARD = 64;

/** Compute-fabric switches per shard unless the stack says otherwise. */
export const DEFAULT_SWITCHES_PER_SHARD = 2048;

/** Shard of the n-th (0-based) compute-fabric switch. */
export function switchShard(index: number, switchesPerShard: number): string {
  return `fabric-b${Math.floor(index / switchesPerShard)}`;
}

/**
 * Shard of a hall's switches on a fabric wired for growth (`growth: halls`): block `block` of the
 * hall's spine groups, with their leaves. Derived from the hall and the group's position only.
 */
export function hallSwitchShard(hall: string, block: number): string {
  return `fabric-${hall}-b${block}`;
}

/** Shard of the n-th (0-based, plane by plane) core of a fabric wired for growth. */
export function coreShard(index: number, switchesPerShard: number): string {
  return `fabric-core-b${Math.floor(index / switchesPerShard)}`;
}

/** Shard of a rack. */
export function rackShard(hall: string, rackNumber: number, racksPerShard: number): string {
  return `${hall}-b${Math.floor((rackNumber - 1) / racksPerShard)}`;
}

/** Every shard of a site, in a stable order: `site`, the compute fabric's shards as given, then hall blocks in hall and number order. */
export function siteShards(racks: readonly { hall: string; number: number }[], racksPerShard: number, fabricShards: readonly string[] = []): string[] {
  const shards = [SITE_SHARD, ...fabricShards];
  const seen = new Set(shards);
  for (const r of racks) {
    const shard = rackShard(r.hall, r.number, racksPerShard);
    if (!seen.has(shard)) {
      seen.add(shard);
      shards.push(shard);
    }
  }
  return shards;
}

/** The shards of each layer of a site. */
export interface LayerShards {
  /** `site`, the fabric blocks, the rack blocks. */
  readonly physical: readonly string[];
  /** The rack blocks: every node of a block is powered on by one stack. */
  readonly baremetal: readonly string[];
  /** `site` alone. */
  readonly kubernetes: readonly string[];
}

/**
 * The shards of every layer of a site whose compute fabric has shards `fabricShards` (see
 * `planNetworks`): the one list the stack files, the program and the bench read.
 */
export function layerShards(racks: readonly { hall: string; number: number }[], racksPerShard: number, fabricShards: readonly string[] = []): LayerShards {
  return {
    physical: siteShards(racks, racksPerShard, fabricShards),
    baremetal: siteShards(racks, racksPerShard).filter((s) => s !== SITE_SHARD),
    kubernetes: [SITE_SHARD],
  };
}

/** The stack name for a site, layer and shard: `riga-1-physical-h1-b0`. */
export function stackName(site: string, layer: string, shard: string): string {
  return `${site}-${layer}-${shard}`;
}
