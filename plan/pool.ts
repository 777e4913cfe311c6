/**
 * Plans stacks in parallel worker processes (`worker.ts`, forked), the heaviest stacks first,
 * each worker handed its next stack as soon as it is done with one.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { StackPlan } from "./types";
import type { WorkerRequest, WorkerResponse } from "./worker";

/** A stack to plan, with its fingerprint and how heavy it is (about the resources it registers). */
export interface PoolItem extends WorkerRequest {
  readonly weight: number;
}

/** How the pool reports progress: once a stack is planned. */
export type Progress = (done: number, total: number, stack: string) => void;

/** What the pool measured: the largest peak resident set size of any worker, in MB. */
export interface PoolStats {
  workerPeakRssMb: number;
}

/** A worker's command line: the compiled worker, or the TypeScript source through tsx when this runs from sources. */
function workerModule(): { path: string; execArgv: string[] } {
  const fromSources = __filename.endsWith(".ts");
  // tsx resolved from here: the working directory may be anywhere.
  const execArgv = ["--expose-gc", ...(fromSources ? ["--require", require.resolve("tsx/cjs")] : [])];
  return { path: join(__dirname, fromSources ? "worker.ts" : "worker.js"), execArgv };
}

/** Plans every item with at most `jobs` workers; resolves with the plans in the items' order, or rejects on the first failure. */
export function runPool(items: readonly PoolItem[], jobs: number, progress: Progress = () => {}, stats?: PoolStats): Promise<StackPlan[]> {
  const order = items.map((item, i) => ({ item, i })).sort((a, b) => b.item.weight - a.item.weight || a.i - b.i);
  const results: StackPlan[] = new Array<StackPlan>(items.length);
  if (items.length === 0) return Promise.resolve(results);
  const { path, execArgv } = workerModule();
  return new Promise<StackPlan[]>((resolve, reject) => {
    const workers: ChildProcess[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const stopAll = () => workers.forEach((w) => w.connected && w.disconnect());
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      stopAll();
      reject(e);
    };
    const feed = (worker: ChildProcess) => {
      if (next >= order.length) return worker.disconnect();
      const { item, i } = order[next++]!;
      (worker as ChildProcess & { current?: number }).current = i;
      const request: WorkerRequest = { task: item.task, fingerprint: item.fingerprint };
      worker.send(request);
    };
    for (let w = 0; w < Math.min(jobs, order.length); w++) {
      const worker = fork(path, [], { execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
      let stderr = "";
      worker.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      worker.on("message", (response: WorkerResponse) => {
        if ("error" in response) return fail(new Error(`planning stack ${response.stack} failed: ${response.error}`));
        const slot = worker as ChildProcess & { current?: number };
        results[slot.current!] = response.plan;
        if (stats) stats.workerPeakRssMb = Math.max(stats.workerPeakRssMb, response.peakRssMb);
        slot.current = undefined;
        progress(++done, items.length, response.plan.stack);
        if (done === items.length) {
          stopAll();
          resolve(results);
        } else feed(worker);
      });
      worker.on("exit", (code, signal) => {
        if ((worker as ChildProcess & { current?: number }).current !== undefined && !failed)
          fail(new Error(`a plan worker exited (${signal ?? code}) before its stacks were planned: ${stderr.trim().split("\n").slice(-12).join("\n")}`));
      });
      workers.push(worker);
      feed(worker);
    }
  });
}
