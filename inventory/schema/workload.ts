/** GPU node pools and the tenants who use them. */
import { Type, type Static } from "@sinclair/typebox";
import { Count, Id, NonEmpty, Strict, OneOf } from "./common";

/** Who a pool or tenant serves. */
export const TenantClass = OneOf(["startup", "sme", "research"] as const);
export type TenantClass = Static<typeof TenantClass>;

/** A run of rack numbers of one hall that a pool draws its nodes from. */
export const RackRange = Strict({
  hall: Id,
  from: Type.Integer({ minimum: 1, maximum: 9999, description: "first rack number" }),
  to: Type.Integer({ minimum: 1, maximum: 9999, description: "last rack number, inclusive" }),
});
export type RackRange = Static<typeof RackRange>;

/**
 * A pool of nodes of one blueprint. Nodes are taken in ledger order, after the pools listed before
 * it, from the racks of `racks` when given (appending racks elsewhere then moves no node between
 * pools), else from the listed halls, else from every hall.
 */
export const Pool = Strict({
  id: Id,
  blueprint: Id,
  nodes: Count("nodes in the pool"),
  tenantClass: TenantClass,
  racks: Type.Optional(NonEmpty(RackRange, "rack ranges the pool draws nodes from; fixes membership when racks are appended")),
  halls: Type.Optional(NonEmpty(Id, "halls the pool draws nodes from")),
});
export type Pool = Static<typeof Pool>;

/** An isolated tenant: a startup, an SME or a research group. */
export const Tenant = Strict({
  id: Id,
  name: Type.String({ minLength: 1 }),
  class: TenantClass,
  pools: NonEmpty(Id, "pools whose GPUs the tenant may use"),
  gpuQuota: Count("GPUs the tenant's pods may request at once (the namespace's ResourceQuota)"),
  group: Type.String({
    minLength: 1,
    maxLength: 253,
    pattern: "^[^\\s]+$",
    description: "the identity provider's group whose members administer the tenant's namespace (the RBAC subject)",
  }),
  rdma: Type.Boolean({ default: false, description: "the tenant trains over RDMA: its pods may add IPC_LOCK, and nothing else beyond the restricted profile" }),
  limits: Strict(
    {
      cpuCores: Count("CPU cores the tenant's pods may request at once"),
      memoryGiB: Count("memory the tenant's pods may request at once, GiB"),
      pods: Count("pods the tenant may run at once"),
    },
    "the rest of the namespace's ResourceQuota",
  ),
});
export type Tenant = Static<typeof Tenant>;
