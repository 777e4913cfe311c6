/**
 * The plan as Markdown, for the pull request's comment: tables per site and type, the physical
 * effects, the findings, and Mermaid charts (which GitHub renders) of the GPUs and the IT and
 * facility power per site, before and after. Long lists are folded and cut, so that the comment
 * stays within GitHub's size limit.
 */
import type { PlanChanges, ResourceChange } from "./diff";
import { findingsVerdict } from "./render-text";
import type { Figures, FleetPlan, SiteFigures } from "./types";
import { byType, count, effectWords, num } from "./words";

/** Resources listed per stack and kind before the list is cut. */
export const LISTED_PER_STACK = 20;

/** A bar chart of one figure per site; with `before`, a bar before and after for each site. */
function chart(title: string, unit: string, value: (f: Figures) => number, after: readonly SiteFigures[], before?: readonly SiteFigures[]): string[] {
  const labels: string[] = [];
  const values: number[] = [];
  const sites = [...new Set([...(before ?? []).map((s) => s.site), ...after.map((s) => s.site)])];
  for (const site of sites) {
    const a = after.find((s) => s.site === site);
    if (before) {
      const b = before.find((s) => s.site === site);
      labels.push(`${site} before`, `${site} after`);
      values.push(b ? value(b) : 0, a ? value(a) : 0);
    } else {
      labels.push(site);
      values.push(a ? value(a) : 0);
    }
  }
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `  y-axis "${unit}"`,
    `  bar [${values.map((v) => String(Math.round(v * 10) / 10)).join(", ")}]`,
    "```",
  ];
}

function charts(after: readonly SiteFigures[], before?: readonly SiteFigures[]): string[] {
  const mw = (kw: number) => Math.round(kw / 100) / 10;
  return [
    ...chart("GPUs per site", "GPUs", (f) => f.gpus, after, before),
    "",
    ...chart("IT power per site (MW)", "MW", (f) => mw(f.itPowerKW), after, before),
    "",
    ...chart("Facility power per site (MW)", "MW", (f) => mw(f.facilityPowerKW), after, before),
  ];
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** The whole plan. */
export function renderPlanMarkdown(plan: FleetPlan): string {
  const resources = plan.stacks.reduce((n, s) => n + s.resources.length, 0);
  const lines = [
    `## Plan of ${plan.fleet.name}`,
    "",
    `${count(plan.stacks.length, "stack")}, ${count(resources, "resource")}; ${findingsVerdict(plan.stacks)}.`,
    "",
    "| site | country | GPUs | IT kW | facility kW | stacks |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
    ...plan.sites.map((s) => `| ${s.site} | ${s.country} | ${num(s.gpus)} | ${num(s.itPowerKW)} | ${num(s.facilityPowerKW)} | ${num(s.stacks)} |`),
    "",
    ...charts(plan.sites),
    "",
    "| type | resources |",
    "| --- | ---: |",
    ...byType(plan.stacks.flatMap((s) => s.resources)).map(([t, n]) => `| \`${t}\` | ${num(n)} |`),
    "",
    "<details><summary>Stacks</summary>",
    "",
    "| stack | resources | GPUs | IT kW | facility kW | findings |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...plan.stacks.map(
      (s) => `| ${s.stack} | ${num(s.resources.length)} | ${num(s.gpus)} | ${num(s.itPowerKW)} | ${num(s.facilityPowerKW)} | ${num(s.findings.length)} |`,
    ),
    "",
    "</details>",
  ];
  lines.push(...findingsTable(plan));
  return `${lines.join("\n")}\n`;
}

function findingsTable(plan: FleetPlan): string[] {
  const rows = plan.stacks.flatMap((s) =>
    s.findings.map((f) => `| ${s.stack} | ${f.enforcementLevel} | ${f.policy} | ${cell(f.subject)} | ${cell(f.message)} |`),
  );
  if (rows.length === 0) return [];
  return ["", "### Findings", "", "| stack | level | policy | subject | message |", "| --- | --- | --- | --- | --- |", ...rows];
}

function listed(mark: string, entries: readonly ResourceChange[]): string[] {
  const shown = entries.slice(0, LISTED_PER_STACK).map((c) => `${mark} ${c.type} ${c.name}${c.props ? ` (${c.props.join(", ")})` : ""}`);
  return entries.length > LISTED_PER_STACK ? [...shown, `${mark} … and ${num(entries.length - LISTED_PER_STACK)} more`] : shown;
}

/** Only what changed: the pull request's comment. */
export function renderChangesMarkdown(changes: PlanChanges, head: FleetPlan, before: readonly SiteFigures[]): string {
  const { stacks } = changes;
  const lines = [
    `## Plan of ${head.fleet.name} against ${changes.base}`,
    "",
    `${count(stacks.touched.length, "stack")} touched (${num(stacks.added.length)} new, ${num(stacks.removed.length)} gone), ${num(stacks.untouched)} untouched; ` +
      `**${num(changes.added.length)} added, ${num(changes.removed.length)} removed, ${num(changes.changed.length)} changed**${changes.onlyAdds ? " (the change only adds)" : ""}; ${findingsVerdict(head.stacks)}.`,
    "",
    "| site | GPUs before | GPUs after | IT kW before | IT kW after | facility kW before | facility kW after | physical effects |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const s of changes.sites) {
    const f = (x?: number) => (x === undefined ? "–" : num(x));
    lines.push(
      `| ${s.site} | ${f(s.before?.gpus)} | ${f(s.after?.gpus)} | ${f(s.before?.itPowerKW)} | ${f(s.after?.itPowerKW)} | ${f(s.before?.facilityPowerKW)} | ${f(s.after?.facilityPowerKW)} | ${effectWords(s.effects).join(", ") || "none"} |`,
    );
  }
  lines.push("", ...charts(head.sites, before), "");
  const types = changes.sites.flatMap((s) => s.types.map((t) => `| ${s.site} | \`${t.type}\` | ${num(t.added)} | ${num(t.removed)} | ${num(t.changed)} |`));
  if (types.length > 0) lines.push("| site | type | added | removed | changed |", "| --- | --- | ---: | ---: | ---: |", ...types, "");
  for (const stack of stacks.touched) {
    const of = (list: readonly ResourceChange[]) => list.filter((c) => c.stack === stack);
    const entries = [...listed("+", of(changes.added)), ...listed("-", of(changes.removed)), ...listed("~", of(changes.changed))];
    const byKind = `${num(of(changes.added).length)} added, ${num(of(changes.removed).length)} removed, ${num(of(changes.changed).length)} changed`;
    lines.push(`<details><summary>${stack}: ${byKind}</summary>`, "", "```diff", ...entries, "```", "", "</details>");
  }
  lines.push(...findingsTable(head));
  return `${lines.join("\n")}\n`;
}
