/**
 * Folded-Clos (fat tree) arithmetic shared by the compute and storage fabrics. All counts are in
 * ports of one speed; `radix` is the port count of every switch.
 *
 * The rules, with k = radix:
 * - A leaf splits its ports into `down` node-facing and `up` spine-facing ports, the largest `down`
 *   with down + ceil(down / oversubscription) ≤ k (1:1 → k/2 and k/2).
 * - Every leaf has the same number of parallel links to every spine it reaches (and every spine to
 *   every core it reaches), so traffic spreads evenly: the spine count of a group is the smallest
 *   divisor of the leaf's uplink count that gives the spines enough ports. NVIDIA's published
 *   SuperPOD tables follow this (B300 XDR, radix 144: 32 leaves get 18 spines, not 16; 64 get 36).
 * - 2 tiers while there are at most k leaves (each spine port then serves at least one leaf).
 * - Past that, 3 tiers: leaves form spine groups of at most k/2 leaves; a group's spines have k/2
 *   ports down and k/2 up. Spine j of every group belongs to core plane j; a plane's cores have all k
 *   ports down, at most k groups.
 */

/** Ports of one leaf. */
export interface LeafPorts {
  readonly down: number;
  readonly up: number;
}

/** Leaf port split for a radix and a down:up oversubscription (≥ 1). */
export function leafPorts(radix: number, oversubscription: number): LeafPorts {
  const upFor = (down: number): number => Math.ceil(down / oversubscription - 1e-9);
  let down = Math.floor((radix * oversubscription) / (1 + oversubscription));
  while (down > 1 && down + upFor(down) > radix) down--;
  while (down + 1 + upFor(down + 1) <= radix) down++;
  return { down, up: upFor(down) };
}

/** Smallest divisor of `n` that is at least `min`; undefined when there is none (min > n). */
export function smallestDivisorAtLeast(n: number, min: number): number | undefined {
  for (let d = Math.max(1, Math.ceil(min)); d <= n; d++) if (n % d === 0) return d;
  return undefined;
}

/** The upper tiers of a Clos over a set of leaves. */
export interface ClosShape {
  readonly tiers: 2 | 3;
  readonly spineGroups: number;
  readonly spinesPerGroup: number;
  /** Parallel links from a leaf to each spine of its group. */
  readonly linksPerLeafSpine: number;
  /** Spine ports facing leaves (k in a 2-tier build, k/2 in a 3-tier build). */
  readonly spineDownlinks: number;
  readonly corePlanes: number;
  readonly coresPerPlane: number;
  /** Parallel links from a spine to each core of its plane. */
  readonly linksPerSpineCore: number;
}

/** 2-tier shape for `leaves` leaves of `up` uplinks; undefined when more than `radix` leaves. */
export function twoTier(leaves: number, up: number, radix: number): ClosShape | undefined {
  const spines = smallestDivisorAtLeast(up, Math.ceil((leaves * up) / radix));
  if (spines === undefined) return undefined;
  return {
    tiers: 2,
    spineGroups: 1,
    spinesPerGroup: spines,
    linksPerLeafSpine: up / spines,
    spineDownlinks: radix,
    corePlanes: 0,
    coresPerPlane: 0,
    linksPerSpineCore: 0,
  };
}

/**
 * 3-tier shape for spine groups holding `largestGroup` leaves at most (≤ radix/2) and `groups`
 * groups in all; undefined when more than `radix` groups.
 */
export function threeTier(groups: number, largestGroup: number, up: number, radix: number): ClosShape | undefined {
  const half = radix / 2;
  const spines = smallestDivisorAtLeast(up, Math.ceil((largestGroup * up) / half));
  const cores = smallestDivisorAtLeast(half, Math.ceil((groups * half) / radix));
  if (spines === undefined || cores === undefined) return undefined;
  return {
    tiers: 3,
    spineGroups: groups,
    spinesPerGroup: spines,
    linksPerLeafSpine: up / spines,
    spineDownlinks: half,
    corePlanes: spines,
    coresPerPlane: cores,
    linksPerSpineCore: half / cores,
  };
}
