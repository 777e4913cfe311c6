/** Node blueprints (SKUs) and rack types: the repeated hardware a site is built from. */
import { Type, type Static } from "@sinclair/typebox";
import { Count, Fraction, Id, NonEmpty, NonNegative, OneOf, Positive, Strict } from "./common";
import { NodeRole } from "./bootstrap";
import { Cooling } from "./facility";

/** The driver a blueprint gets when it names none: the default of the pinned GPU Operator chart (v25.3.4, its release notes). */
export const DEFAULT_GPU_DRIVER = "580.82.07";

/** The protocol a node's BMC speaks. */
export const BmcProtocol = OneOf(["redfish", "ipmi"] as const);
export type BmcProtocol = Static<typeof BmcProtocol>;

/** A node SKU: one server, or one compute tray of a rack-scale system such as GB200 NVL72. */
export const Blueprint = Strict({
  id: Id,
  sku: Type.String({ minLength: 1, description: "vendor SKU, e.g. NVIDIA HGX H200 8-GPU" }),
  accelerator: Strict({
    model: Type.String({ minLength: 1, description: "accelerator model, e.g. H200" }),
    count: Count("accelerators per node"),
    memoryGB: Type.Optional(Positive("memory per accelerator")),
    nvlinkDomain: Type.Optional(
      OneOf(["node", "rack"] as const, {
        description: "what one NVLink domain spans: the node (HGX, the default) or the whole rack (rack-scale systems such as GB200 NVL72)",
      }),
    ),
  }),
  driverVersion: Type.String({
    pattern: "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$",
    default: DEFAULT_GPU_DRIVER,
    description: "NVIDIA data-centre driver version (e.g. 580.82.07) the GPU Operator installs on this blueprint's nodes",
  }),
  memoryGiB: Type.Optional(Positive("system memory per node in GiB, as the BMC reports it (Redfish MemorySummary); checked at inspection when given")),
  role: NodeRole,
  rails: Count("compute-fabric rails per node (one NIC port per rail)"),
  railSpeedGbps: Positive("speed of each rail port"),
  nodesPerScalableUnit: Type.Optional(
    Count("nodes per scalable unit of the compute fabric, e.g. 144 trays (8 racks) for GB200 NVL72; default: a leaf's downlinks"),
  ),
  storagePorts: Type.Integer({ minimum: 0, default: 2, description: "storage-fabric ports per node" }),
  powerKW: Positive("maximum draw per node"),
  rackUnits: Count("height in rack units"),
  bmc: Strict({
    protocol: BmcProtocol,
    fallback: Type.Optional(BmcProtocol),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: "Redfish port when not the scheme's default" })),
    transport: Type.Optional(OneOf(["https", "http"] as const, { description: "Redfish over HTTPS (the default) or plain HTTP (simulated lab BMCs only)" })),
    ipmiPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: "IPMI-over-LAN UDP port; default 623" })),
  }),
});
export type Blueprint = Static<typeof Blueprint>;

/** One power feed (NetBox power model). */
export const PowerFeed = Strict({
  voltage: Positive("volts, line to line for three-phase"),
  amperage: Positive("amperes per phase"),
  phase: OneOf(["single", "three"] as const),
  maxUtilisation: Fraction("share of the rating that may be drawn, e.g. 0.8"),
  supply: Type.Optional(OneOf(["ac", "dc"] as const)),
});
export type PowerFeed = Static<typeof PowerFeed>;

/** A rack design, repeated across a hall. */
export const RackType = Strict({
  id: Id,
  rackUnits: Count("usable height in rack units"),
  reservedUnits: Type.Integer({ minimum: 0, default: 0, description: "units taken by switches, power shelves, NVLink trays" }),
  overheadKW: NonNegative("draw of everything in the rack that is not a node (switches, NVLink trays, fans)"),
  feeds: NonEmpty(PowerFeed, "power feeds of the rack"),
  redundancy: OneOf(["N", "2N"] as const, { description: "2N: every feed alone carries the rack; N: the feeds add up" }),
  cooling: Cooling,
  nodes: NonEmpty(Strict({ blueprint: Id, count: Type.Integer({ minimum: 1, maximum: 512, description: "nodes of this blueprint" }) }), "nodes, bottom up"),
});
export type RackType = Static<typeof RackType>;
