/**
 * `gpu-quota`: the tenant classes' GPU quotas of a blueprint (Kueue's nominal quotas) add up to at
 * most the GPUs built of it, so no class is promised GPUs that do not exist. The arithmetic is the
 * model's (`model/kubernetes/quotas.ts`), which the loader and the Kubernetes layer call too.
 */
import { classQuotas, excessMessage, excessSubject, quotaExcesses } from "../../model/kubernetes/quotas";
import type { SiteFacts } from "../../model/site-facts";
import type { Finding, RuleMeta } from "./types";

/** The policy's metadata. */
export const gpuQuotaMeta: RuleMeta = {
  name: "gpu-quota",
  description: "The tenant classes' GPU quotas of a blueprint add up to at most the GPUs built of it.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["kubernetes", "capacity", "tenancy"],
  url: "https://kueue.sigs.k8s.io/docs/concepts/cluster_queue/",
  remediationSteps: "Lower the classes' quotas of the blueprint in queues.classes, or build more nodes of it.",
  scope: "site",
};

/** Judges the classes' quotas against the GPUs built, per blueprint. */
export function checkGpuQuota(facts: SiteFacts): Finding[] {
  const built = facts.gpus.map((g) => ({ blueprint: g.blueprint, gpus: g.built }));
  return quotaExcesses(built, classQuotas(facts.queues)).map((e) => {
    const i = facts.queues.findIndex((q) => q.quotas.some((f) => f.blueprint === e.blueprint));
    const j = facts.queues[i]!.quotas.findIndex((f) => f.blueprint === e.blueprint);
    return {
      policy: "gpu-quota",
      subject: excessSubject(facts.siteId, e),
      message: excessMessage(facts.siteId, e),
      document: "site",
      path: ["queues", "classes", i, "quotas", j, "gpus"],
    };
  });
}
