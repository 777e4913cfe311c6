/**
 * How a site's GPUs are shared between the tenant classes: one Kueue ClusterQueue per class, all
 * in one cohort, with a nominal GPU quota per node blueprint (one Kueue ResourceFlavor each).
 */
import { Type, type Static } from "@sinclair/typebox";
import { Id, NonEmpty, Strict } from "./common";
import { TenantClass } from "./workload";

/** Whole GPUs, zero allowed. */
const Gpus = (description: string) => Type.Integer({ minimum: 0, description });

/** A class's quota of one blueprint's GPUs. */
export const FlavorQuota = Strict({
  blueprint: Id,
  gpus: Gpus("nominal quota: GPUs of this blueprint the class is guaranteed (Kueue nominalQuota)"),
  borrowingLimit: Type.Optional(Gpus("GPUs the class may borrow beyond its quota from the cohort; default: no limit")),
  lendingLimit: Type.Optional(Gpus("GPUs of its unused quota the class may lend to the cohort; default: all of it")),
});
export type FlavorQuota = Static<typeof FlavorQuota>;

/** One tenant class's ClusterQueue. */
export const ClassQueue = Strict({
  class: TenantClass,
  weight: Type.Number({ exclusiveMinimum: 0, default: 1, description: "fair-sharing weight against the other classes when borrowing" }),
  quotas: NonEmpty(FlavorQuota, "GPU quota per blueprint"),
});
export type ClassQueue = Static<typeof ClassQueue>;

/** The queues of a site. Without it, each class's quota is what its pools hold, weight 1, no limits. */
export const Queues = Strict({
  cohort: Type.Optional(Id),
  classes: NonEmpty(ClassQueue, "one entry per tenant class that has quota"),
});
export type Queues = Static<typeof Queues>;
