/**
 * The GPU quotas of a site's tenant classes, per blueprint, and the rule they obey: the quotas of
 * one blueprint never add up to more GPUs than are built of it. One function for the loader, the
 * `gpu-quota` policy rule (and so the pack, the preflight gate and the audit) and the Kubernetes
 * layer, which checks it before it creates anything.
 */
import type { Site } from "../../inventory/schema/site";
import type { ClassQueue } from "../../inventory/schema/queues";
import type { TenantClass } from "../../inventory/schema/workload";

/** GPUs built of one blueprint. */
export interface BuiltGpus {
  readonly blueprint: string;
  readonly gpus: number;
}

/** One class's quota of one blueprint. */
export interface ClassQuota {
  readonly class: TenantClass;
  readonly blueprint: string;
  readonly gpus: number;
}

/** A blueprint whose quotas add up to more GPUs than are built of it. */
export interface QuotaExcess {
  readonly blueprint: string;
  readonly quota: number;
  readonly built: number;
  /** The classes' shares, in inventory order. */
  readonly shares: readonly ClassQuota[];
}

/** GPUs built per blueprint, in the order of the site's blueprints; `nodes` lists each node's blueprint and accelerators. */
export function gpusBuilt(site: Pick<Site, "blueprints">, nodes: readonly { blueprint: string; accelerators: number }[]): BuiltGpus[] {
  const built = new Map(site.blueprints.map((b) => [b.id, 0]));
  for (const n of nodes) built.set(n.blueprint, (built.get(n.blueprint) ?? 0) + n.accelerators);
  return [...built].map(([blueprint, gpus]) => ({ blueprint, gpus }));
}

/**
 * The site's class queues: `site.queues.classes` when given, else one per class that has pools,
 * with what its pools hold of each blueprint as quota, weight 1 and no limits.
 */
export function classQueues(site: Pick<Site, "queues" | "pools" | "blueprints">): ClassQueue[] {
  if (site.queues) return site.queues.classes;
  const accelerators = new Map(site.blueprints.map((b) => [b.id, b.accelerator.count]));
  const byClass = new Map<TenantClass, Map<string, number>>();
  for (const p of site.pools) {
    const quotas = byClass.get(p.tenantClass) ?? new Map<string, number>();
    quotas.set(p.blueprint, (quotas.get(p.blueprint) ?? 0) + p.nodes * (accelerators.get(p.blueprint) ?? 0));
    byClass.set(p.tenantClass, quotas);
  }
  return [...byClass].map(([cls, quotas]) => ({ class: cls, weight: 1, quotas: [...quotas].map(([blueprint, gpus]) => ({ blueprint, gpus })) }));
}

/** The classes' quotas as a flat list, in inventory order. */
export function classQuotas(queues: readonly Pick<ClassQueue, "class" | "quotas">[]): ClassQuota[] {
  return queues.flatMap((q) => q.quotas.map((f) => ({ class: q.class, blueprint: f.blueprint, gpus: f.gpus })));
}

/** Blueprints whose quotas exceed the GPUs built of them (a quota on a blueprint not built counts against 0). */
export function quotaExcesses(built: readonly BuiltGpus[], quotas: readonly ClassQuota[]): QuotaExcess[] {
  const blueprints = [...new Set([...built.map((b) => b.blueprint), ...quotas.map((q) => q.blueprint)])];
  return blueprints.flatMap((blueprint) => {
    const shares = quotas.filter((q) => q.blueprint === blueprint);
    const quota = shares.reduce((n, q) => n + q.gpus, 0);
    const gpus = built.find((b) => b.blueprint === blueprint)?.gpus ?? 0;
    return quota > gpus ? [{ blueprint, quota, built: gpus, shares }] : [];
  });
}

/** "the quotas of blueprint [b] add up to 40 GPUs (research 32, startup 8) but 32 are built". */
export function describeExcess(e: QuotaExcess): string {
  const shares = e.shares.map((s) => `${s.class} ${s.gpus}`).join(", ");
  return `the quotas of blueprint [${e.blueprint}] add up to ${e.quota} GPUs (${shares}) but ${e.built} ${e.built === 1 ? "is" : "are"} built`;
}

/** The subject of an excess: `blueprint [hgx-h200] of site [tst-1]`. */
export function excessSubject(siteId: string, e: QuotaExcess): string {
  return `blueprint [${e.blueprint}] of site [${siteId}]`;
}

/** The message of an excess, as the rule, the pack, the gate and the Kubernetes layer show it. */
export function excessMessage(siteId: string, e: QuotaExcess): string {
  return `${excessSubject(siteId, e)} should be given out in quotas at most once; ${describeExcess(e)}`;
}
