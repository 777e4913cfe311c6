/** A fat tree's switches, ports and cables per tier, from its switch counts and links: one formula for every builder. */
import type { FabricSizing } from "./types";

/** The counts a fat tree's tiers are made of. */
export interface TierCountsInput {
  readonly leaves: number;
  readonly spines: number;
  readonly cores: number;
  /** Ports per switch. */
  readonly radix: number;
  /** Node ports cabled to leaves. */
  readonly nodePorts: number;
  readonly leafSpine: number;
  readonly spineCore: number;
}

/** Each tier's switches, ports provisioned (switches × radix) and used (cabled), and the cables. */
export function tierCounts(t: TierCountsInput): Pick<FabricSizing, "leaf" | "spine" | "core" | "cables"> {
  return {
    leaf: { switches: t.leaves, portsProvisioned: t.leaves * t.radix, portsUsed: t.nodePorts + t.leafSpine },
    spine: { switches: t.spines, portsProvisioned: t.spines * t.radix, portsUsed: t.leafSpine + t.spineCore },
    core: { switches: t.cores, portsProvisioned: t.cores * t.radix, portsUsed: t.spineCore },
    cables: { nodeLeaf: t.nodePorts, leafSpine: t.leafSpine, spineCore: t.spineCore, total: t.nodePorts + t.leafSpine + t.spineCore },
  };
}
