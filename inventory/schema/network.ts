/** The four fabrics of a site and its address plan. */
import { Type, type Static } from "@sinclair/typebox";
import { Count, Ipv4Cidr, Positive, Strict, OneOf } from "./common";

/** Link technology of a fabric. */
export const FabricTechnology = OneOf(["infiniband", "ethernet"] as const);
export type FabricTechnology = Static<typeof FabricTechnology>;

/** A switched fabric with its address range. */
export const Fabric = Strict({
  cidr: Ipv4Cidr,
  technology: FabricTechnology,
  speedGbps: Positive("port speed"),
  switchRadix: Type.Optional(Count("ports per switch; default 64 (NDR QM9700 64 × 400G, Spectrum-4 SN5600 64 × 800G)")),
  oversubscription: Type.Optional(Count("leaf downlinks per uplink; default 1 (non-blocking)")),
  underlayCidr: Type.Optional(Ipv4Cidr),
  coreSpineGroups: Type.Optional(
    Count(
      "compute fabric wired for halls only: the spine groups its core is built to join (a core port a group and plane), its reserve for racks and halls to come; fewer groups take fewer cores; default the switch radix, the most a core joins",
    ),
  ),
  growth: Type.Optional(
    OneOf(["none", "halls"] as const, {
      description:
        "compute fabric only: none builds what the nodes need now (the reference design's tables); halls wires each hall as a pod of full spine groups under a core sized for the radix, so appending racks and halls only adds switches; default none (model/fabric/options.ts)",
    }),
  ),
});
export type Fabric = Static<typeof Fabric>;

/** A management range. */
export const Range = Strict({ cidr: Ipv4Cidr, vlan: Type.Optional(Type.Integer({ minimum: 1, maximum: 4094 })) });
export type Range = Static<typeof Range>;

/** How node addresses are laid out: hall number × rack number × node index, so appending changes nothing. */
export const Addressing = Strict({
  racksPerHall: Type.Integer({ minimum: 1, default: 512, description: "rack blocks reserved per hall" }),
  hostsPerRack: Type.Integer({ minimum: 2, default: 32, description: "addresses reserved per rack" }),
});
export type Addressing = Static<typeof Addressing>;

/** The network of a site. */
export const Network = Strict({
  addressing: Type.Optional(Addressing),
  compute: Fabric,
  storage: Fabric,
  inBand: Range,
  outOfBand: Range,
  tenantRanges: Type.Array(Ipv4Cidr, { default: [], description: "ranges handed to tenant workloads" }),
  publicRanges: Type.Array(Ipv4Cidr, { default: [], description: "public ranges announced by the site" }),
});
export type Network = Static<typeof Network>;
