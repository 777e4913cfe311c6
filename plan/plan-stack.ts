/**
 * Plans one stack in this process: runs its program under mocks, runs the policy pack on what it
 * registered, and turns both into the sorted, plain {@link StackPlan}.
 */
import type { ExpandedSite, Fleet } from "../inventory/fleet";
import { PreflightError } from "../policies/preflight";
import { digest } from "./digest";
import { resourceEffects } from "./effects";
import { runPack } from "./pack";
import { ROOT_STACK_TYPE, runStack, type RecordedResource } from "./run-stack";
import { stackFigures, taskConfig, type StackTask } from "./task";
import type { PlanFinding, PlanResource, StackPlan } from "./types";

/** Sorts by type, then name (code-unit order: the same on every machine and locale). */
export function byTypeAndName(a: { type: string; name: string }, b: { type: string; name: string }): number {
  return a.type < b.type ? -1 : a.type > b.type ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Sorts findings by policy, subject and message. */
export function byFinding(a: PlanFinding, b: PlanFinding): number {
  const ka = `${a.policy}\0${a.subject}\0${a.message}`;
  const kb = `${b.policy}\0${b.subject}\0${b.message}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A recorded resource as the plan shows it: digests of what it carries, and its physical effects. */
export function planResource(r: RecordedResource): PlanResource {
  const props: Record<string, string> = {};
  for (const [key, value] of Object.entries(r.inputs)) props[`in.${key}`] = digest(value).slice(0, 8);
  for (const [key, value] of Object.entries(r.outputs)) props[`out.${key}`] = digest(value).slice(0, 8);
  const effects = resourceEffects(r.type, r.outputs);
  return { type: r.type, name: r.name, digest: digest({ inputs: r.inputs, outputs: r.outputs }), props, ...(effects ? { effects } : {}) };
}

/** The findings of a program that stopped: the preflight gate's refusal names the pack's policies; anything else is the program's error. */
function stoppedFindings(task: StackTask, error: Error): PlanFinding[] {
  if (error instanceof PreflightError) {
    return error.violations
      .filter((v) => v.enforcementLevel === "mandatory")
      .map((v) => ({ policy: v.policy, enforcementLevel: "mandatory" as const, subject: `preflight of stack ${task.name}`, message: v.message }));
  }
  return [{ policy: "program", enforcementLevel: "mandatory", subject: `stack ${task.name}`, message: error.message.split("\n")[0]! }];
}

/** Plans `task` of `fleet` (site `expanded`); `fingerprint` is the parent's. */
export async function planStack(task: StackTask, fleet: Fleet, expanded: ExpandedSite, fingerprint: string): Promise<StackPlan> {
  const run = await runStack(task.name, taskConfig(task), { fleet, expanded });
  const recorded = run.resources.filter((r) => r.type !== ROOT_STACK_TYPE);
  const findings = [...runPack(task.name, recorded), ...(run.error ? stoppedFindings(task, run.error) : [])];
  return {
    stack: task.name,
    site: task.site,
    layer: task.layer,
    shard: task.shard,
    fingerprint,
    ...stackFigures(task, expanded),
    resources: recorded.map(planResource).sort(byTypeAndName),
    findings: findings.sort(byFinding),
  };
}
