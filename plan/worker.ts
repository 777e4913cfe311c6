/**
 * A plan worker: a child process of `gigafactory plan` that plans the stacks its parent sends, one
 * at a time, and sends each plan back. It loads and checks each fleet once, however many of its
 * stacks it plans.
 */
import { loadFleet, type LoadResult } from "../inventory/load";
import { planStack } from "./plan-stack";
import type { StackTask } from "./task";
import type { StackPlan } from "./types";

/** What the parent sends: a stack to plan, with the fingerprint it computed. */
export interface WorkerRequest {
  readonly task: StackTask;
  readonly fingerprint: string;
}

/** What the worker answers: the stack's plan (and the worker's peak memory so far), or why it could not plan it. */
export type WorkerResponse = { readonly plan: StackPlan; readonly peakRssMb: number } | { readonly stack: string; readonly error: string };

// The SDK captures a stack trace for every promise it makes (for its leak report) and every
// resource (for its source position); through source maps (tsx turns them on) that is most of a
// registration's cost. A plan reports messages, not traces: capture none, map none.
process.setSourceMapsEnabled(false);
Error.stackTraceLimit = 0;

const fleets = new Map<string, LoadResult>();

/** The fleet in `dir`, loaded (every site expanded) the first time it is asked for. */
function fleetOf(dir: string): LoadResult {
  let loaded = fleets.get(dir);
  if (!loaded) fleets.set(dir, (loaded = loadFleet(dir)));
  return loaded;
}

async function handle({ task, fingerprint }: WorkerRequest): Promise<WorkerResponse> {
  try {
    const { fleet, expanded, problems } = fleetOf(task.fleetDir);
    const site = expanded.find((s) => s.site.id === task.site);
    if (!fleet || !site)
      return { stack: task.name, error: `the fleet in ${task.fleetDir} is invalid (${problems.length} problems) or has no site [${task.site}]` };
    const plan = await planStack(task, fleet, site, fingerprint);
    return { plan, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } catch (e) {
    return { stack: task.name, error: e instanceof Error ? e.message : String(e) };
  } finally {
    // Give the stack's garbage back before the next one, so a worker's peak is one stack's.
    (globalThis as { gc?: () => void }).gc?.();
  }
}

// One request at a time: the mocks are process-wide.
let queue = Promise.resolve();
process.on("message", (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const response = await handle(request);
    await new Promise<void>((resolve, reject) => process.send!(response, (e: Error | null) => (e ? reject(e) : resolve())));
  });
});
process.on("disconnect", () => process.exit(0));
