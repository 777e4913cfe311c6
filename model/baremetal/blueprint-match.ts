/**
 * Whether a node's hardware, as its BMC reports it, is what the ledger's blueprint says: GPU count
 * and model, system memory, and one NIC port per rail at the rail speed. Pure: the provider refuses
 * a node with any difference and names each one; facts the BMC did not report (IPMI FRU says nothing
 * of GPUs) are listed as unverified, never taken as a match or a mismatch.
 */
import type { HardwareFacts } from "../../bmc/provisioning";
import type { Blueprint } from "../../inventory/schema/hardware";

/** The parts of a blueprint the comparison reads. */
export type BlueprintHardware = Pick<Blueprint, "id" | "accelerator" | "rails" | "railSpeedGbps" | "memoryGiB"> & { readonly storagePorts?: number };

/** The outcome: each difference as a sentence, and what could not be checked. */
export interface BlueprintComparison {
  readonly differences: readonly string[];
  readonly unverified: readonly string[];
}

/** Relative memory difference tolerated (firmware reserves a little; a missing DIMM is 1/16 or more). */
export const MEMORY_TOLERANCE = 0.01;

/** Compares what the BMC reports with the blueprint. */
export function compareWithBlueprint(facts: HardwareFacts, blueprint: BlueprintHardware): BlueprintComparison {
  const differences: string[] = [];
  const unverified: string[] = [];
  const who = `blueprint ${blueprint.id} expects`;
  const bmc = `the BMC [${facts.bmc}] reports`;
  const { model, count } = blueprint.accelerator;
  if (facts.accelerators === undefined) unverified.push(`${count} ${model} GPUs: ${bmc} no accelerators (${facts.source})`);
  else {
    if (facts.accelerators.length !== count) differences.push(`${who} ${count} ${model} GPUs; ${bmc} ${facts.accelerators.length}`);
    const word = new RegExp(`(^|[^A-Za-z0-9])${model.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9])`, "i");
    for (const a of facts.accelerators.filter((x) => !word.test(x.model))) differences.push(`${who} ${model} GPUs; ${bmc} ${a.id} as ${a.model}`);
  }
  if (blueprint.memoryGiB !== undefined) {
    if (facts.memoryGiB === undefined) unverified.push(`${blueprint.memoryGiB} GiB of memory: ${bmc} none`);
    else if (Math.abs(facts.memoryGiB - blueprint.memoryGiB) > blueprint.memoryGiB * MEMORY_TOLERANCE) {
      differences.push(`${who} ${blueprint.memoryGiB} GiB of memory; ${bmc} ${round(facts.memoryGiB)} GiB`);
    }
  }
  railPorts(facts, blueprint, who, bmc, differences, unverified);
  return { differences, unverified };
}

/** One port per rail at the rail speed; without speeds, at least as many ports as rails and storage ports. */
function railPorts(facts: HardwareFacts, b: BlueprintHardware, who: string, bmc: string, differences: string[], unverified: string[]): void {
  const rails = `${b.rails} rail ports of ${b.railSpeedGbps} Gb/s`;
  if (facts.nics === undefined) {
    unverified.push(`${rails}: ${bmc} no network ports (${facts.source})`);
    return;
  }
  if (facts.nics.some((n) => n.speedGbps !== undefined)) {
    const atSpeed = facts.nics.filter((n) => n.speedGbps === b.railSpeedGbps).length;
    if (atSpeed < b.rails) differences.push(`${who} ${rails}; ${bmc} ${atSpeed}`);
    return;
  }
  const wanted = b.rails + (b.storagePorts ?? 0);
  unverified.push(`${rails}: ${bmc} no port speeds`);
  if (facts.nics.length < wanted)
    differences.push(`${who} at least ${wanted} network ports (${b.rails} rails, ${b.storagePorts ?? 0} storage); ${bmc} ${facts.nics.length}`);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
