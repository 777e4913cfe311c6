/**
 * The plan of a fleet: every stack of the inventory (or those a glob names, or those a change
 * touches), planned in parallel workers. The parent loads the fleet once to list the stacks, their
 * fingerprints and the sites' figures; the workers run the programs.
 */
import type { ExpandedSite, Fleet } from "../inventory/fleet";
import { loadFleet } from "../inventory/load";
import type { Problem } from "../inventory/problem";
import { DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD } from "../model/shards";
import { planStacks } from "../program/stack-plan";
import { runPool, type PoolItem, type PoolStats, type Progress } from "./pool";
import { gateOf, shardRacks, siteFigures, stackFingerprint, stackTask } from "./task";
import { PLAN_FORMAT_VERSION, type FleetPlan, type SiteFigures, type StackPlan } from "./types";

/** A fleet's stacks, ready to plan. */
export interface PreparedFleet {
  readonly name: string;
  /** The fleet directory as reports show it. */
  readonly dir: string;
  readonly sites: readonly SiteFigures[];
  /** Every stack, in the order `gigafactory stacks` lists them. */
  readonly items: readonly PoolItem[];
}

/** `*` any run of characters, `?` one; anything else literal. Several globs separated by commas. */
export function globMatcher(glob: string): (name: string) => boolean {
  const res = glob.split(",").map(
    (g) =>
      new RegExp(
        `^${g
          .trim()
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
      ),
  );
  return (name) => res.some((re) => re.test(name));
}

/** Loads the fleet in `dir` and lists its stacks with their fingerprints; the problems when it is invalid. */
export function prepareFleet(dir: string, shownDir: string, root: string, code: string): { fleet: PreparedFleet } | { problems: readonly Problem[] } {
  const result = loadFleet(dir, { cwd: root });
  if (!result.fleet) return { problems: result.problems };
  const fleet = result.fleet;
  try {
    return { fleet: listStacks(dir, shownDir, fleet, result.expanded, code) };
  } catch (e) {
    // The model refuses what the loader let through (a fabric its switches cannot join): a finding on the fleet.
    return { problems: [{ file: fleet.file, line: 1, column: 1, path: "", message: `the stacks cannot be planned: ${(e as Error).message}` }] };
  }
}

/** Every stack of the fleet with its fingerprint and weight, and the sites' figures. */
function listStacks(dir: string, shownDir: string, fleet: Fleet, sitesExpanded: readonly ExpandedSite[], code: string): PreparedFleet {
  const planned = planStacks(dir, sitesExpanded, DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD);
  const bySite = new Map(sitesExpanded.map((e) => [e.site.id, e]));
  const gates = new Map(sitesExpanded.map((e) => [e.site.id, gateOf(fleet, e.site.id)]));
  const items = planned.map((stack): PoolItem => {
    const task = stackTask(dir, stack);
    const expanded = bySite.get(task.site)!;
    return { task, fingerprint: stackFingerprint(task, fleet, expanded, gates.get(task.site)!, code), weight: weight(task, shardRacks(task, expanded)) };
  });
  const sites = sitesExpanded.map((e) => siteFigures(e, items.filter((i) => i.task.site === e.site.id).length));
  return { name: fleet.name, dir: shownDir, sites, items };
}

/** About how many resources a stack registers: what orders the work, heaviest first. */
function weight(task: PoolItem["task"], racks: readonly { nodes: readonly unknown[] }[]): number {
  const nodes = racks.reduce((n, r) => n + r.nodes.length, 0);
  if (task.layer === "baremetal") return 2 * nodes;
  if (task.shard.startsWith("fabric-")) return task.switchesPerShard;
  return racks.length + 50;
}

/** Plans the items `select` accepts with `jobs` workers. */
export async function planFleet(
  fleet: PreparedFleet,
  jobs: number,
  select: (item: PoolItem) => boolean,
  progress?: Progress,
  stats?: PoolStats,
): Promise<FleetPlan> {
  const stacks: StackPlan[] = await runPool(fleet.items.filter(select), jobs, progress, stats);
  return { version: PLAN_FORMAT_VERSION, fleet: { name: fleet.name, dir: fleet.dir }, sites: fleet.sites, stacks };
}
