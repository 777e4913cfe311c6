/**
 * The site facts: everything the site rules judge, in the exact shape the policy pack reads from a
 * `gigafactory:site:Site` resource. One type for every step: `siteFacts` (policies/facts.ts) builds
 * them, the program hands them to the `Site` component, whose inputs the engine gives the pack,
 * which reads them back (policies/read-facts.ts); the preflight gate and `gigafactory audit` judge
 * the same value.
 *
 * The schema is TypeBox, built from the inventory's own schemas (declarations that import nothing
 * of ours), so the shape the pack checks and the type the program builds cannot drift apart.
 */
import { Type, type Static } from "@sinclair/typebox";
import { CountryCode, Id, Ipv4Cidr, NonNegative, OneOf, Positive, Strict, SubdivisionCode } from "../inventory/schema/common";
import { Energy } from "../inventory/schema/energy";
import { HeatReuse } from "../inventory/schema/facility";
import { DataLocation } from "../inventory/schema/storage";
import { TenantClass } from "../inventory/schema/workload";

/** The type token of the per-site component whose inputs are the site facts. */
export const SITE_RESOURCE_TYPE = "gigafactory:site:Site";

/** Version of the facts shape; the pack refuses facts of a version it does not know. */
export const FACTS_VERSION = 2;

/** One rack type of the site with how many racks of it stand, and their power. */
export const RackTypeFacts = Strict({
  id: Id,
  racks: Type.Integer({ minimum: 0, description: "racks of this type placed in the halls" }),
  drawKW: NonNegative("draw of one rack: nodes and overhead"),
  usableKW: NonNegative("usable capacity of one rack's feeds (2N: the weakest feed; N: their sum)"),
  redundancy: OneOf(["N", "2N"] as const),
});
export type RackTypeFacts = Static<typeof RackTypeFacts>;

/** A storage system and where its copies are kept. */
export const StorageFacts = Strict({
  id: Id,
  replicas: Type.Array(DataLocation),
  backups: Type.Array(DataLocation),
});
export type StorageFacts = Static<typeof StorageFacts>;

/**
 * A Guarantee of Origin one of the site's supplies claims that a site before it (in file order)
 * already claimed: a certificate is cancelled once, for one consumer.
 */
export const PriorClaim = Strict({
  certificate: Type.String({ minLength: 1, description: "the certificate id as this site writes it" }),
  supply: Type.Integer({ minimum: 0, description: "index of this site's supply that claims it" }),
  claimedBy: Type.String({ minLength: 1, description: "the first claim, e.g. `site [riga-1] energy.supply[0]`" }),
});
export type PriorClaim = Static<typeof PriorClaim>;

/** The address ranges of the site: a `SiteRangeSet` (model/site-ranges.ts), the one list of them. */
export const NetworkFacts = Strict({
  outOfBand: Ipv4Cidr,
  inBand: Ipv4Cidr,
  storage: Ipv4Cidr,
  compute: Ipv4Cidr,
  underlay: Type.Optional(Ipv4Cidr),
  tenantRanges: Type.Array(Ipv4Cidr),
  publicRanges: Type.Array(Ipv4Cidr),
});
export type NetworkFacts = Static<typeof NetworkFacts>;

/**
 * Everything the site rules judge. Lists keep the inventory's order (`energy.supply[i]`,
 * `rackTypes[i]`, `storage[i]`), so a finding's path points at the inventory line too.
 *
 * The site's id is `siteId`, not `id`: the Pulumi SDK drops input properties named `id` and `urn`
 * (they are the engine's own), so the engine would never see them.
 */
export const SiteFactsSchema = Strict({
  factsVersion: Type.Literal(FACTS_VERSION),
  siteId: Id,
  country: CountryCode,
  subdivision: Type.Optional(SubdivisionCode),
  operator: Strict({ name: Type.String({ minLength: 1 }), country: CountryCode }),
  energy: Energy,
  /** Certificates this site claims that a site before it claimed first; none when absent. */
  priorClaims: Type.Optional(Type.Array(PriorClaim)),
  facility: Strict({
    gridConnectionMW: Positive("contracted grid connection"),
    designPue: Type.Number({ minimum: 1 }),
    heatReuse: Type.Optional(HeatReuse),
  }),
  itPowerKW: NonNegative("installed IT power: the draw of every rack"),
  rackTypes: Type.Array(RackTypeFacts),
  storage: Type.Array(StorageFacts),
  network: NetworkFacts,
  tenants: Type.Array(Strict({ id: Id, class: TenantClass })),
  gpus: Type.Array(Strict({ blueprint: Id, built: Type.Integer({ minimum: 0, description: "GPUs built of this blueprint" }) })),
  queues: Type.Array(
    Strict({
      class: TenantClass,
      quotas: Type.Array(Strict({ blueprint: Id, gpus: Type.Integer({ minimum: 0, description: "the class's nominal quota of this blueprint" }) })),
    }),
  ),
  insecureBmcs: Type.Optional(
    Type.Array(Strict({ hostname: Type.String({ minLength: 1 }), bmc: Type.String({ minLength: 1 }) }), {
      description: "BMCs whose TLS certificate is not verified (bmcAccess insecure: true); absent when none",
    }),
  ),
});
/** The site facts, as `siteFacts` builds them and the pack reads them. */
export type SiteFacts = Static<typeof SiteFactsSchema>;
