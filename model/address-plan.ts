/**
 * The address plan of a site. A node's offset inside every range is fixed by its hall number, rack
 * number and index in the rack, never by how many nodes come before it, so appending a rack, a hall
 * or a site renumbers nothing.
 */
import { formatAddress, parseCidr, size, subnet, type Ipv4Network } from "./ipv4";

/** The inputs of a site's plan (the inventory's `network` section). */
export interface AddressPlanInput {
  readonly outOfBand: { readonly cidr: string };
  readonly inBand: { readonly cidr: string };
  readonly storage: { readonly cidr: string };
  readonly compute: { readonly cidr: string };
  readonly addressing?: { readonly racksPerHall: number; readonly hostsPerRack: number };
}

/** A site's address plan. */
export interface AddressPlan {
  readonly outOfBand: Ipv4Network;
  readonly inBand: Ipv4Network;
  readonly storage: Ipv4Network;
  readonly compute: Ipv4Network;
  /** Compute range cut into one subnet per rail slot; a node's rail `r` address lives in `rails[r]`. */
  readonly rails: readonly Ipv4Network[];
  readonly racksPerHall: number;
  readonly hostsPerRack: number;
}

/** Defaults for `network.addressing`. */
export const DEFAULT_ADDRESSING = { racksPerHall: 512, hostsPerRack: 32 } as const;

/** Builds the plan; `maxRails` is the most rails any node of the site has. */
export function buildAddressPlan(input: AddressPlanInput, maxRails: number): AddressPlan {
  const compute = parseCidr(input.compute.cidr);
  const railSlots = 2 ** Math.ceil(Math.log2(Math.max(1, maxRails)));
  const railPrefix = Math.min(32, compute.prefix + Math.log2(railSlots));
  const addressing = input.addressing ?? DEFAULT_ADDRESSING;
  return {
    outOfBand: parseCidr(input.outOfBand.cidr),
    inBand: parseCidr(input.inBand.cidr),
    storage: parseCidr(input.storage.cidr),
    compute,
    rails: Array.from({ length: maxRails }, (_, r) => subnet(compute, railPrefix, r)),
    racksPerHall: addressing.racksPerHall,
    hostsPerRack: addressing.hostsPerRack,
  };
}

/**
 * Offset of a node inside every range: the rack's block, then the node's index in it. Index 0 of
 * each block is left for the rack's gateway, so nodes start at 1.
 */
export function hostOffset(plan: Pick<AddressPlan, "racksPerHall" | "hostsPerRack">, hallNumber: number, rackNumber: number, nodeIndex: number): number {
  return ((hallNumber - 1) * plan.racksPerHall + (rackNumber - 1)) * plan.hostsPerRack + nodeIndex;
}

/** A node's addresses in every range. */
export interface NodeAddresses {
  readonly outOfBand: string;
  readonly inBand: string;
  readonly storage: string;
  readonly compute: readonly string[];
}

/** Addresses of the node at `offset` with `rails` rails. Offsets are checked against the ranges by `checkAddressing` (inventory/semantic.ts). */
export function nodeAddresses(plan: AddressPlan, offset: number, rails: number): NodeAddresses {
  const compute: string[] = new Array<string>(rails);
  for (let r = 0; r < rails; r++) compute[r] = formatAddress(plan.rails[r]!.base + offset);
  return {
    outOfBand: formatAddress(plan.outOfBand.base + offset),
    inBand: formatAddress(plan.inBand.base + offset),
    storage: formatAddress(plan.storage.base + offset),
    compute,
  };
}

/** The ranges of a plan that hold one address per node, by the name the inventory gives them. */
export function perNodeRanges(plan: AddressPlan): { readonly name: string; readonly size: number }[] {
  return [
    { name: "outOfBand", size: size(plan.outOfBand) },
    { name: "inBand", size: size(plan.inBand) },
    { name: "storage", size: size(plan.storage) },
    { name: "compute", size: plan.rails.length > 0 ? size(plan.rails[0]!) : size(plan.compute) },
  ];
}
