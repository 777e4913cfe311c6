/**
 * One stack to plan, as the parent hands it to a worker: which fleet, and the stack's planned
 * configuration (`program/stack-plan.ts`), and what the plan reads of the inventory for it.
 */
import { join } from "node:path";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { rackTotals } from "../inventory/expand";
import type { ExpandedSite, Fleet, RackRecord } from "../inventory/fleet";
import { kubernetesPlan } from "../model/kubernetes/plan";
import { siteBudget } from "../model/power-budget";
import { rackShard, SITE_SHARD } from "../model/shards";
import { preflight } from "../policies/preflight";
import { CONFIG_DEFAULTS, CONFIG_NAMESPACE, parseStackConfig, type StackConfig } from "../program/config";
import { planNetworks } from "../program/networks";
import type { PlannedStack } from "../program/stack-plan";
import { digest } from "./digest";
import type { Figures, SiteFigures } from "./types";

/** A stack to plan. */
export interface StackTask {
  readonly name: string;
  /** The fleet directory, absolute. */
  readonly fleetDir: string;
  readonly site: string;
  readonly layer: string;
  readonly shard: string;
  readonly racksPerShard: number;
  readonly switchesPerShard: number;
}

/** The task of a planned stack of the fleet in `fleetDir`. */
export function stackTask(fleetDir: string, stack: PlannedStack): StackTask {
  const value = (key: string) => stack.config[`${CONFIG_NAMESPACE}:${key}`] ?? String((CONFIG_DEFAULTS as Record<string, unknown>)[key]);
  return {
    name: stack.name,
    fleetDir,
    site: value("site"),
    layer: value("layer"),
    shard: value("shard"),
    racksPerShard: Number(value("racksPerShard")),
    switchesPerShard: Number(value("switchesPerShard")),
  };
}

/** The program's configuration of a task. */
export function taskConfig(task: StackTask): StackConfig {
  const { fleetDir, site, layer, shard, racksPerShard, switchesPerShard } = task;
  return parseStackConfig({ fleet: fleetDir, site, layer, shard, racksPerShard, switchesPerShard }, fleetDir);
}

/** The racks a hall-block shard holds (none for `site` and fabric shards). */
export function shardRacks(task: StackTask, expanded: ExpandedSite): RackRecord[] {
  if (task.shard === SITE_SHARD || task.shard.startsWith("fabric-")) return [];
  return expanded.racks.filter((r) => rackShard(r.hall, r.number, task.racksPerShard) === task.shard);
}

/** GPUs and power of racks, at the site's design PUE. */
function rackFigures(racks: readonly RackRecord[], expanded: ExpandedSite): Figures {
  const { facility } = expanded.site;
  const budget = siteBudget(racks, facility.designPue, facility.gridConnectionMW);
  return { gpus: rackTotals(racks).accelerators, itPowerKW: budget.itKW, facilityPowerKW: budget.facilityKW };
}

/** A site's totals. */
export function siteFigures(expanded: ExpandedSite, stacks: number): SiteFigures {
  return { site: expanded.site.id, country: expanded.site.country, stacks, ...rackFigures(expanded.racks, expanded) };
}

/**
 * What a stack stands for: the whole site for the physical layer's `site` shard, the racks of a
 * hall block (the physical racks, or the servers the bare-metal layer powers on), nothing for a
 * fabric block or the Kubernetes layer.
 */
export function stackFigures(task: StackTask, expanded: ExpandedSite): Figures {
  if (task.layer === "physical" && task.shard === SITE_SHARD) return rackFigures(expanded.racks, expanded);
  return rackFigures(shardRacks(task, expanded), expanded);
}

/**
 * What the stack's program reads of the inventory, besides the site component every stack of the
 * site carries (its facts and budget; the `site` shard reads the whole site, so a change of them
 * always plans that stack): equal slices build equal resources.
 */
function stackSlice(task: StackTask, fleet: Fleet, expanded: ExpandedSite, gate: readonly string[]): unknown {
  const common = { task: { ...task, fleetDir: undefined }, preflight: gate };
  if (task.layer === "kubernetes") return { ...common, kubernetes: kubernetesPlan(expanded) };
  if (task.layer === "baremetal") return { ...common, racks: shardRacks(task, expanded) };
  if (task.shard === SITE_SHARD) return { ...common, fleet: { name: fleet.name, operator: fleet.operator, policy: fleet.policy }, site: expanded.site };
  if (task.shard.startsWith("fabric-")) {
    const plan = planNetworks(expanded, task.shard, task.switchesPerShard);
    return { ...common, sizing: plan.fabric.sizing, cidr: expanded.site.network.compute.cidr, switches: plan.fabric.switches };
  }
  // The hall component gets its id and cooling, and the racks of this block (not the hall's runs: appending racks to a later block touches only that one).
  const racks = shardRacks(task, expanded);
  const hall = expanded.site.halls.find((h) => h.id === racks[0]?.hall);
  return { ...common, hall: hall ? { id: hall.id, cooling: hall.cooling } : null, racks };
}

/** The preflight gate's verdict on a site, which decides whether its provisioning stacks build: one line per violation. */
export function gateOf(fleet: Fleet, site: string): string[] {
  return preflight(fleet, site).violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.message}`);
}

/** The stack's fingerprint: its slice of the inventory (with its site's `gate`, see `gateOf`) and the code that plans it. */
export function stackFingerprint(task: StackTask, fleet: Fleet, expanded: ExpandedSite, gate: readonly string[], code: string): string {
  return digest({ code, slice: stackSlice(task, fleet, expanded, gate) });
}

/** The folders whose code decides what a stack registers. */
const CODE_DIRS = ["inventory", "model", "components", "program", "policies", "plan"];

/** A digest of the code that plans stacks (its TypeScript sources under `root`): a baseline of other code is planned again. */
export function codeDigest(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (entry === "node_modules" || entry === "fleets") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".ts")) hash.update(`${path.slice(root.length)}\0`).update(readFileSync(path));
    }
  };
  for (const dir of CODE_DIRS) walk(join(root, dir));
  return hash.digest("hex").slice(0, 16);
}
