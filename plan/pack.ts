/**
 * Runs the CrossGuard pack's policies (`policies/pack-policies.ts`, the same objects the pack
 * registers) on what one stack registered, as the engine would call them: `validateResource` on
 * each resource's inputs, then `validateStack` on every resource. Each policy gets its default
 * configuration, as `pulumi preview --policy-pack policies` gives it without `--policy-pack-config`.
 */
import type { PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { PACK_POLICIES, type PackPolicy } from "../policies/pack-policies";
import type { RecordedResource } from "./run-stack";
import type { PlanFinding } from "./types";

/** The arguments the policies read; the pack's policies use no other. */
function resourceArgs(r: RecordedResource): ResourceValidationArgs {
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: r.inputs as Record<string, unknown>,
    getConfig: () => ({}) as never,
  } as unknown as ResourceValidationArgs;
}

/** A resource as `validateStack` sees it: a custom resource's inputs (a preview's outputs), a component's registered outputs. */
function stackResource(r: RecordedResource): PolicyResource {
  return { type: r.type, name: r.name, urn: r.urn, props: (r.custom ? r.inputs : r.outputs) as Record<string, unknown> } as unknown as PolicyResource;
}

function level(policy: PackPolicy): PlanFinding["enforcementLevel"] {
  return policy.enforcementLevel === "advisory" ? "advisory" : "mandatory";
}

/** Every finding of the pack on `resources` (the stack's root left out of the resource policies, as the engine does). */
export function runPack(stack: string, resources: readonly RecordedResource[]): PlanFinding[] {
  const findings: PlanFinding[] = [];
  for (const policy of PACK_POLICIES) {
    if (policy.enforcementLevel === "disabled") continue;
    if ("validateResource" in policy && policy.validateResource) {
      const validate = policy.validateResource;
      for (const r of resources) {
        const report: ReportViolation = (message) =>
          findings.push({ policy: policy.name, enforcementLevel: level(policy), subject: `${r.type} ${r.name}`, message });
        const args = resourceArgs(r);
        for (const v of Array.isArray(validate) ? validate : [validate]) void v(args, report);
      }
    }
    if ("validateStack" in policy && policy.validateStack) {
      const byUrn = new Map(resources.map((r) => [r.urn, r]));
      const args = { resources: resources.map(stackResource), getConfig: () => ({}) } as unknown as StackValidationArgs;
      void policy.validateStack(args, (message, urn) => {
        const r = urn === undefined ? undefined : byUrn.get(urn);
        findings.push({ policy: policy.name, enforcementLevel: level(policy), subject: r ? `${r.type} ${r.name}` : `stack ${stack}`, message });
      });
    }
  }
  return findings;
}
