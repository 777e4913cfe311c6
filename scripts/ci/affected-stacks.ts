/**
 * The stacks a change touches, per layer, from a `gigafactory plan --since … --format json`
 * output, as GitHub Actions step outputs (`name=<JSON list>` lines for `$GITHUB_OUTPUT`):
 *
 *   npx tsx scripts/ci/affected-stacks.ts plan.json >> "$GITHUB_OUTPUT"
 *
 * `stacks` lists them all (the pull request's previews); `physical`, `kubernetes` and `baremetal`
 * list them per layer, in the order `deploy.yml` updates them (the bare-metal layer reads the
 * Kubernetes stack's join inputs). A lab-style `all` stack holds every layer and goes first.
 * Stacks the change removes are not listed: taking hardware down is its own reviewed act (README).
 */
import { readFileSync } from "node:fs";
import type { PlanJson } from "../../cli/plan";

/** The layers in deploy order, each with the stack layers it takes. */
export const DEPLOY_ORDER: readonly (readonly [string, readonly string[]])[] = [
  ["physical", ["all", "physical"]],
  ["kubernetes", ["kubernetes"]],
  ["baremetal", ["baremetal"]],
];

/** The affected stacks of a plan: all of them, and per deploy step. Without a change set (no --since), every stack. */
export function affectedStacks(plan: PlanJson): Record<string, string[]> {
  const layerOf = new Map(plan.stacks.map((s) => [s.stack, s.layer]));
  const names = plan.changes ? [...plan.changes.stacks.touched, ...plan.changes.stacks.added] : plan.stacks.map((s) => s.stack);
  const affected = [...new Set(names)].filter((n) => layerOf.has(n)).sort();
  const out: Record<string, string[]> = { stacks: affected };
  for (const [step, layers] of DEPLOY_ORDER) out[step] = affected.filter((n) => layers.includes(layerOf.get(n)!));
  return out;
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx scripts/ci/affected-stacks.ts PLAN.json");
    process.exit(2);
  }
  const lists = affectedStacks(JSON.parse(readFileSync(file, "utf8")) as PlanJson);
  for (const [name, stacks] of Object.entries(lists)) console.log(`${name}=${JSON.stringify(stacks)}`);
}
