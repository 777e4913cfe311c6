/**
 * `gigafactory plan`: runs the program of every stack (or of those a glob names, or those a change
 * touches) offline under Pulumi's mocks in parallel workers, runs the policy pack on each, and
 * reports per site and stack; with `--since` or `--baseline`, only what changed. Exit 1 on a
 * mandatory finding or an invalid inventory, 2 on a usage error (a bad revision or baseline, an
 * unwritable `--out`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatProblem } from "../inventory/problem";
import { diffPlans, type PlanChanges } from "../plan/diff";
import { globMatcher, planFleet, prepareFleet, type PreparedFleet } from "../plan/fleet-plan";
import type { PoolItem, Progress } from "../plan/pool";
import { renderChangesMarkdown, renderPlanMarkdown } from "../plan/render-markdown";
import { renderChangesText, renderPlanText } from "../plan/render-text";
import { fleetAtRef, RevisionError } from "../plan/since";
import { codeDigest } from "../plan/task";
import { PLAN_FORMAT_VERSION, type FleetPlan, type SiteFigures } from "../plan/types";
import type { CommandResult } from "./command-result";
import { ExitCode } from "./exit-codes";
import { PROJECT_ROOT } from "./project-root";
import { plural } from "./reports/common";
import { reportRoot, shownPath } from "./report-root";

/** The formats of the plan. */
export const PLAN_FORMATS = ["text", "markdown", "json"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanOptions {
  readonly inventory: string;
  readonly stack?: string;
  readonly since?: string;
  readonly baseline?: string;
  readonly jobs: number;
  readonly format: PlanFormat;
  readonly out?: string;
}

/** Where progress goes: a bar on a terminal, a plain line per stack otherwise, nothing when absent. */
export interface PlanIo {
  readonly progress?: { write(s: string): unknown; readonly isTTY?: boolean };
}

/** The JSON form: the plan of the planned stacks, and with a base, what changed. */
export type PlanJson = FleetPlan & { readonly changes?: PlanChanges };

class BaselineError extends Error {}

function progressOf(io: PlanIo): Progress | undefined {
  const out = io.progress;
  if (!out) return undefined;
  if (!out.isTTY) return (done, total, stack) => void out.write(`planned ${done}/${total} ${stack}\n`);
  const width = 30;
  return (done, total, stack) => {
    const filled = Math.round((done / total) * width);
    out.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${stack.padEnd(40).slice(0, 40)}${done === total ? "\n" : ""}`);
  };
}

function readBaseline(file: string): FleetPlan {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new BaselineError(`--baseline ${file}: cannot read it as JSON (${(e as Error).message})`);
  }
  const plan = data as Partial<FleetPlan>;
  if (typeof data !== "object" || data === null || plan.version !== PLAN_FORMAT_VERSION || !Array.isArray(plan.stacks) || !Array.isArray(plan.sites)) {
    throw new BaselineError(`--baseline ${file}: not the JSON of \`gigafactory plan --format json\` version ${PLAN_FORMAT_VERSION}`);
  }
  return data as FleetPlan;
}

/** The stacks whose fingerprints differ between the two sides (or that exist on one side only). */
function touched(before: ReadonlyMap<string, string>, after: readonly PoolItem[]): Set<string> {
  const names = new Set<string>();
  for (const item of after) if (before.get(item.task.name) !== item.fingerprint) names.add(item.task.name);
  const now = new Set(after.map((i) => i.task.name));
  for (const name of before.keys()) if (!now.has(name)) names.add(name);
  return names;
}

interface Planned {
  readonly head: FleetPlan;
  readonly changes?: PlanChanges;
  readonly before?: readonly SiteFigures[];
}

async function planSince(
  head: PreparedFleet,
  ref: string,
  select: (i: PoolItem) => boolean,
  jobs: number,
  root: string,
  code: string,
  progress?: Progress,
): Promise<Planned> {
  const at = fleetAtRef(head.items[0]?.task.fleetDir ?? resolve(root), ref);
  try {
    const prepared = at.dir ? prepareFleet(at.dir, head.dir, root, code) : undefined;
    if (prepared && "problems" in prepared)
      throw new RevisionError(`--since ${ref}: the inventory at ${ref} is invalid (${plural(prepared.problems.length, "problem")})`);
    const base: PreparedFleet = prepared?.fleet ?? { name: head.name, dir: head.dir, sites: [], items: [] };
    const baseItems = base.items.filter(select);
    const headItems = head.items.filter(select);
    const names = touched(new Map(baseItems.map((i) => [i.task.name, i.fingerprint])), headItems);
    const both = [...baseItems.filter((i) => names.has(i.task.name)), ...headItems.filter((i) => names.has(i.task.name))];
    const all = await planFleet({ ...head, items: both }, jobs, () => true, progress);
    // The pool answers in the items' order: the base's stacks first.
    const baseCount = both.length - headItems.filter((i) => names.has(i.task.name)).length;
    const beforeStacks = all.stacks.slice(0, baseCount);
    const afterStacks = all.stacks.slice(baseCount);
    const untouched = headItems.filter((i) => !names.has(i.task.name)).length;
    const headPlan: FleetPlan = { ...all, stacks: afterStacks };
    return {
      head: headPlan,
      changes: diffPlans(`--since ${ref}`, beforeStacks, afterStacks, { before: base.sites, after: head.sites }, untouched),
      before: base.sites,
    };
  } finally {
    at.remove();
  }
}

async function planBaseline(head: PreparedFleet, file: string, select: (i: PoolItem) => boolean, jobs: number, progress?: Progress): Promise<Planned> {
  const baseline = readBaseline(file);
  const baseStacks = baseline.stacks.filter((s) => select({ task: { name: s.stack } } as PoolItem));
  const headItems = head.items.filter(select);
  const names = touched(new Map(baseStacks.map((s) => [s.stack, s.fingerprint])), headItems);
  const plan = await planFleet(head, jobs, (i) => select(i) && names.has(i.task.name), progress);
  const before = baseStacks.filter((s) => names.has(s.stack));
  const untouched = headItems.length - plan.stacks.length;
  return {
    head: plan,
    changes: diffPlans(`--baseline ${file}`, before, plan.stacks, { before: baseline.sites, after: head.sites }, untouched),
    before: baseline.sites,
  };
}

function render(format: PlanFormat, planned: Planned): string {
  const { head, changes, before } = planned;
  if (format === "json") return `${JSON.stringify(changes ? { ...head, changes } : head)}\n`;
  if (!changes) return format === "markdown" ? renderPlanMarkdown(head) : renderPlanText(head);
  return format === "markdown" ? renderChangesMarkdown(changes, head, before ?? []) : renderChangesText(changes, head);
}

/** Plans the fleet; `cwd` resolves `--inventory`, `--baseline` and `--out`. */
export async function plan(options: PlanOptions, io: PlanIo = {}, cwd: string = process.cwd()): Promise<CommandResult> {
  const inventory = resolve(cwd, options.inventory);
  const root = reportRoot(inventory, cwd);
  const code = codeDigest(PROJECT_ROOT);
  const prepared = prepareFleet(inventory, shownPath(root, inventory), root, code);
  if ("problems" in prepared) {
    const lines = [...prepared.problems.map(formatProblem), `invalid inventory: ${plural(prepared.problems.length, "problem")}; nothing planned`];
    return { exitCode: ExitCode.Findings, stdout: "", stderr: `${lines.join("\n")}\n` };
  }
  const head = prepared.fleet;
  const match = options.stack === undefined ? () => true : globMatcher(options.stack);
  const select = (i: PoolItem) => match(i.task.name);
  if (options.stack !== undefined && !head.items.some(select)) {
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: --stack ${options.stack} names no stack of fleet ${head.name}\n` };
  }
  const progress = progressOf(io);
  let planned: Planned;
  try {
    if (options.since !== undefined) planned = await planSince(head, options.since, select, options.jobs, root, code, progress);
    else if (options.baseline !== undefined) planned = await planBaseline(head, resolve(cwd, options.baseline), select, options.jobs, progress);
    else planned = { head: await planFleet(head, options.jobs, select, progress) };
  } catch (e) {
    if (e instanceof RevisionError || e instanceof BaselineError) return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: ${e.message}\n` };
    throw e;
  }
  const rendered = render(options.format, planned);
  const mandatory = planned.head.stacks.some((s) => s.findings.some((f) => f.enforcementLevel === "mandatory"));
  const exitCode = mandatory ? ExitCode.Findings : ExitCode.Ok;
  if (options.out === undefined) return { exitCode, stdout: rendered };
  try {
    writeFileSync(resolve(cwd, options.out), rendered);
  } catch (e) {
    return { exitCode: ExitCode.Usage, stdout: "", stderr: `error: cannot write the plan to ${options.out}: ${(e as Error).message}\n` };
  }
  return { exitCode, stdout: `${plural(planned.head.stacks.length, "stack")} planned; ${options.format} plan written to ${options.out}\n` };
}
