/**
 * Child of `npm run bench`: one site stack at the largest shard of the sample fleet, under mocks
 * that only count (`ours`), or the bare SDK registering the same number of plain component
 * resources (`bare`). Like a plan worker, the child loads and checks the fleet once and then
 * builds `rounds` stacks (the largest shard each time, fresh mocks each round); `ms` is per stack,
 * the load shared by the rounds. Finding the largest shard is the bench's own work (a plan worker
 * is told its stack) and is not timed. Prints resources (per stack), wall time and peak RSS.
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { join } from "node:path";
import { loadFleet } from "../../inventory/load";
import { siteFacts } from "../../policies/facts";
import { DEFAULT_FLEET } from "../../inventory/fleets/default";
import { planNetworks } from "../../program/networks";
import { buildPhysical } from "../../program/physical";
import { DEFAULT_RACKS_PER_SHARD, DEFAULT_SWITCHES_PER_SHARD, layerShards, rackShard, SITE_SHARD } from "../../model/shards";
import { figure, peakRssMb } from "./measure";

const [mode = "ours", siteId = "riga-1", countArg, roundsArg = "1"] = process.argv.slice(2);
const rounds = Number(roundsArg);

let registered = 0;

/** Fresh mocks, as a plan worker installs for each stack. */
function mocks(): void {
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered++;
        return { id: args.custom ? `${args.name}-id` : undefined, state: {} };
      },
      call: () => ({}),
    },
    "gigafactory",
    "bench",
    false,
  );
}

/** The SDK's wait for outstanding registrations (internal, see `plan/run-stack.ts`). */
const waitForRPCs = (settings as unknown as { waitForRPCs: () => Promise<void> }).waitForRPCs;

/** Waits until every resource's URN is known and every registration (outputs too) is done. */
async function registeredAll(resources: readonly pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((r) => new Promise<void>((resolve) => r.urn.apply(() => resolve()))));
  await waitForRPCs();
}

/** Resources each shard of a site registers, to find the largest. */
function largestShard(expanded: ReturnType<typeof loadFleet>["expanded"][number]): string {
  const { fabricShards } = planNetworks(expanded, undefined, DEFAULT_SWITCHES_PER_SHARD);
  const sizes = new Map<string, number>();
  for (const shard of fabricShards) sizes.set(shard, 2 + planNetworks(expanded, shard, DEFAULT_SWITCHES_PER_SHARD).fabric.switches.length);
  for (const r of expanded.racks) {
    const shard = rackShard(r.hall, r.number, DEFAULT_RACKS_PER_SHARD);
    sizes.set(shard, (sizes.get(shard) ?? 2) + 1);
  }
  let best = SITE_SHARD;
  for (const shard of layerShards(expanded.racks, DEFAULT_RACKS_PER_SHARD, fabricShards).physical) {
    if ((sizes.get(shard) ?? 0) > (sizes.get(best) ?? 0)) best = shard;
  }
  return best;
}

async function ours(): Promise<void> {
  const start = process.hrtime.bigint();
  const { fleet, expanded } = loadFleet(join(__dirname, "..", "..", DEFAULT_FLEET), { expand: (id) => id === siteId });
  const site = expanded.find((s) => s.site.id === siteId)!;
  const loaded = process.hrtime.bigint();
  // The bench's own search (it plans every fabric shard of the site), not timed.
  const shard = largestShard(site);
  const picked = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    mocks();
    const layer = buildPhysical(
      fleet!,
      site,
      { shard, racksPerShard: DEFAULT_RACKS_PER_SHARD, switchesPerShard: DEFAULT_SWITCHES_PER_SHARD },
      siteFacts(fleet!, site),
    );
    await registeredAll(layer.resources);
  }
  const end = process.hrtime.bigint();
  console.log(`shard: ${shard}`);
  figure("resources", registered / rounds, 0);
  const buildMs = Number(end - picked) / 1e6 / rounds;
  figure("ms", Number(loaded - start) / 1e6 / rounds + buildMs);
  figure("inventory-ms", Number(loaded - start) / 1e6);
  figure("build-ms", buildMs);
  figure("peak-rss-mb", peakRssMb());
}

async function bare(count: number): Promise<void> {
  const start = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    mocks();
    const resources: pulumi.ComponentResource[] = [];
    const root = new pulumi.ComponentResource("bench:index:Root", "root", {}, {});
    resources.push(root);
    for (let i = 1; i < count; i++) resources.push(new pulumi.ComponentResource("bench:index:Plain", `plain-${i}`, {}, { parent: root }));
    await registeredAll(resources);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
  figure("resources", registered / rounds, 0);
  figure("ms", ms);
  figure("peak-rss-mb", peakRssMb());
}

void (mode === "bare" ? bare(Number(countArg)) : ours());
