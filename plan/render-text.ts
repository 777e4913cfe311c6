/** The plan as text: per site and stack, resources by type, GPUs and power, findings; or, with a base, only what changed. */
import type { PlanChanges } from "./diff";
import type { FleetPlan, PlanFinding, StackPlan } from "./types";
import { byType, count, effectWords, figures, num, shortType } from "./words";

function findingLine(f: PlanFinding): string {
  return `${f.enforcementLevel} [${f.policy}] ${f.subject}: ${f.message}`;
}

function stackLines(s: StackPlan): string[] {
  const types = byType(s.resources).map(([t, n]) => `${shortType(t)} ${num(n)}`);
  const held = s.gpus > 0 || s.itPowerKW > 0 ? `; ${figures(s)}` : "";
  return [`  ${s.stack}: ${count(s.resources.length, "resource")}${held}`, `    ${types.join(", ")}`, ...s.findings.map((f) => `    ${findingLine(f)}`)];
}

/** The findings' verdict line. */
export function findingsVerdict(stacks: readonly StackPlan[]): string {
  const all = stacks.flatMap((s) => s.findings);
  const mandatory = all.filter((f) => f.enforcementLevel === "mandatory").length;
  return `${count(mandatory, "mandatory finding")}, ${count(all.length - mandatory, "advisory finding")}`;
}

/** The whole plan. */
export function renderPlanText(plan: FleetPlan): string {
  const resources = plan.stacks.reduce((n, s) => n + s.resources.length, 0);
  const lines = [`plan of fleet ${plan.fleet.name} (${plan.fleet.dir}): ${count(plan.stacks.length, "stack")}, ${count(resources, "resource")}`];
  for (const site of plan.sites) {
    const stacks = plan.stacks.filter((s) => s.site === site.site);
    if (stacks.length === 0) continue;
    lines.push("", `site ${site.site} (${site.country}): ${figures(site)}; ${count(stacks.length, "stack")} of ${num(site.stacks)} planned`);
    for (const s of stacks) lines.push(...stackLines(s));
  }
  lines.push("", "resources by type:");
  for (const [type, n] of byType(plan.stacks.flatMap((s) => s.resources))) lines.push(`  ${type}: ${num(n)}`);
  lines.push("", findingsVerdict(plan.stacks));
  return `${lines.join("\n")}\n`;
}

/** Only what changed, per site and stack. */
export function renderChangesText(changes: PlanChanges, head: FleetPlan): string {
  const { stacks } = changes;
  const lines = [
    `plan of fleet ${head.fleet.name} (${head.fleet.dir}) against ${changes.base}: ${count(stacks.touched.length, "stack")} touched (${num(stacks.added.length)} new, ${num(stacks.removed.length)} gone), ${num(stacks.untouched)} untouched`,
    `${count(changes.added.length, "resource")} added, ${num(changes.removed.length)} removed, ${num(changes.changed.length)} changed${changes.onlyAdds ? " (the change only adds)" : ""}`,
  ];
  for (const site of changes.sites) {
    const moved = (a?: number, b?: number) => (a === b ? num(a ?? 0) : `${num(a ?? 0)} → ${num(b ?? 0)}`);
    lines.push(
      "",
      `site ${site.site}: GPUs ${moved(site.before?.gpus, site.after?.gpus)}, IT ${moved(site.before?.itPowerKW, site.after?.itPowerKW)} kW, facility ${moved(site.before?.facilityPowerKW, site.after?.facilityPowerKW)} kW`,
    );
    const effects = effectWords(site.effects);
    if (effects.length > 0) lines.push(`  physical effects: ${effects.join(", ")}`);
    for (const t of site.types) lines.push(`  ${t.type}: +${num(t.added)} -${num(t.removed)} ~${num(t.changed)}`);
    for (const stack of site.stacks) {
      const entries = [
        ...changes.added.filter((c) => c.stack === stack).map((c) => ({ c, mark: "+" })),
        ...changes.removed.filter((c) => c.stack === stack).map((c) => ({ c, mark: "-" })),
        ...changes.changed.filter((c) => c.stack === stack).map((c) => ({ c, mark: "~" })),
      ];
      lines.push(
        `  stack ${stack}${stacks.added.includes(stack) ? " (new)" : stacks.removed.includes(stack) ? " (gone)" : ""}: ${count(entries.length, "change")}`,
      );
      for (const { c, mark } of entries) lines.push(`    ${mark} ${c.type} ${c.name}${c.props ? ` (${c.props.join(", ")})` : ""}`);
    }
  }
  const planned = head.stacks;
  const findings = planned.flatMap((s) => s.findings.map((f) => `  ${s.stack}: ${findingLine(f)}`));
  lines.push("", `findings of the touched stacks: ${findingsVerdict(planned)}`, ...findings);
  return `${lines.join("\n")}\n`;
}
