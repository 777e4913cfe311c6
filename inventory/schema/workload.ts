/** GPU node pools and the tenants who use them. */
import { Type, type Static } from "@sinclair/typebox";
import { Count, Id, NonEmpty, Strict, OneOf } from "./common";

/** Who a pool or tenant serves. */
export const TenantClass = OneOf(["startup", "sme", "research"] as const);
export type TenantClass = Static<typeof TenantClass>;

/**
 * A pool of nodes of one blueprint. Nodes are taken in ledger order from the listed halls (all
 * halls when omitted), after the pools listed before it.
 */
export const Pool = Strict({
  id: Id,
  blueprint: Id,
  nodes: Count("nodes in the pool"),
  tenantClass: TenantClass,
  halls: Type.Optional(NonEmpty(Id, "halls the pool draws nodes from")),
});
export type Pool = Static<typeof Pool>;

/** An isolated tenant: a startup, an SME or a research group. */
export const Tenant = Strict({
  id: Id,
  name: Type.String({ minLength: 1 }),
  class: TenantClass,
  pools: NonEmpty(Id, "pools whose GPUs the tenant may use"),
  gpuQuota: Count("nominal GPU quota (Kueue nominalQuota)"),
});
export type Tenant = Static<typeof Tenant>;
