/**
 * State on many runners: Pulumi's DIY backend in an S3-compatible object store (versitygw, a real
 * server started on loopback), as CI runners share it. Two updates of one stack: the second finds
 * the stack locked and fails cleanly, naming the lock, and succeeds once the first is done; updates
 * of different stacks at the same time both succeed; nothing is lost (every stack's resources and
 * its update history are in the store afterwards).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { run, secondCheckout, type Run, type RunOptions } from "./engine";
import { startS3Server, type S3Server } from "./s3-server";

const BUCKET = "fleet-state";
const STACKS = ["tst-1-physical-site", "tst-1-physical-h1-b0"] as const;

/** The stack file of a minimal-fleet physical stack, as `gigafactory stacks` would write it. */
function stackFile(shard: string): string {
  return [
    "config:",
    "  gigafactory:fleet: test/fixtures/fleets/minimal",
    "  gigafactory:site: tst-1",
    "  gigafactory:layer: physical",
    `  gigafactory:shard: ${shard}`,
    "",
  ].join("\n");
}

/** Runs `pulumi` like {@link run}, but without blocking, so that two run at once. */
function pulumiAsync(args: readonly string[], options: RunOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 240_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, output: `${stdout}\n${stderr}` });
    });
  });
}

describe("state in an S3-compatible store shared by many runners", function () {
  this.timeout(600_000);
  this.bail(true);

  let s3: S3Server;
  let checkout: string;
  let options: RunOptions;
  /** How many resources each stack's first update created, by its summary. */
  const created = new Map<string, number>();
  const pulumi = (args: readonly string[]) => run("pulumi", [...args, "--non-interactive", "--color", "never"], { ...options, timeoutMs: 240_000 });
  const expectExit = (r: Run, status: number, what: string) =>
    assert.equal(r.status, status, `${what} exited with ${r.status}, expected ${status}:\n${r.output}`);
  const locks = () => {
    const dir = join(s3.root, BUCKET, ".pulumi", "locks");
    return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json")) : [];
  };

  before(async () => {
    s3 = await startS3Server();
    s3.createBucket(BUCKET);
    checkout = secondCheckout();
    for (const stack of STACKS) writeFileSync(join(checkout, "stacks", `Pulumi.${stack}.yaml`), stackFile(stack.replace("tst-1-physical-", "")));
    options = { cwd: checkout, env: { ...s3.env, PULUMI_BACKEND_URL: s3.backendUrl(BUCKET), PULUMI_CONFIG_PASSPHRASE: randomBytes(18).toString("base64") } };
    for (const stack of STACKS) expectExit(pulumi(["stack", "init", "--stack", stack, "--no-select"]), 0, `stack init ${stack}`);
  });
  after(async () => {
    if (checkout) rmSync(checkout, { recursive: true, force: true });
    if (s3) await s3.stop();
  });

  it("runs updates of different stacks at the same time: both succeed", async () => {
    const [a, b] = await Promise.all(STACKS.map((stack) => pulumiAsync(["up", "--yes", "--stack", stack, "--policy-pack", "policies"], options)));
    expectExit(a!, 0, `up ${STACKS[0]}`);
    expectExit(b!, 0, `up ${STACKS[1]}`);
    for (const [i, r] of [a!, b!].entries()) {
      const count = /^\s+\+ (\d+) created$/m.exec(r.stdout);
      assert.ok(count, r.stdout);
      created.set(STACKS[i]!, Number(count[1]));
    }
    assert.deepEqual(locks(), [], "no lock left behind");
  });

  it("lets one update of a stack run at a time: the second fails cleanly while the first holds the lock, and succeeds after it", async () => {
    const [stack] = STACKS;
    const first = pulumiAsync(["up", "--yes", "--refresh", "--stack", stack], options);
    for (let i = 0; locks().length === 0; i++) {
      assert.ok(i < 2_000, "the first update never took the lock");
      await sleep(10);
    }
    const second = pulumi(["up", "--yes", "--stack", stack]);
    assert.notEqual(second.status, 0, `the second update should fail while the first holds the lock:\n${second.output}`);
    assert.match(second.output, /the stack is currently locked by 1 lock\(s\)/);
    expectExit(await first, 0, "the first update");
    assert.deepEqual(locks(), [], "the first update released its lock");
    const again = pulumi(["up", "--yes", "--stack", stack]);
    expectExit(again, 0, "the second update, retried");
    assert.match(again.stdout, /^\s+\d+ unchanged$/m);
  });

  it("loses nothing: every stack's resources and update history are in the store", () => {
    for (const stack of STACKS) {
      const exported = pulumi(["stack", "export", "--stack", stack]);
      expectExit(exported, 0, `stack export ${stack}`);
      const resources = (JSON.parse(exported.stdout) as { deployment: { resources?: { type: string }[] } }).deployment.resources ?? [];
      const kept = resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
      assert.ok(kept.length > 1, `${stack} should hold components`);
      assert.equal(kept.length, created.get(stack), `${stack} holds what its first update created`);
      const history = pulumi(["stack", "history", "--stack", stack, "--json"]);
      expectExit(history, 0, `stack history ${stack}`);
      const updates = JSON.parse(history.stdout) as { kind: string; result: string }[];
      assert.ok(updates.length >= 1 && updates.every((u) => u.result === "succeeded"), `${stack} history: ${history.stdout}`);
    }
    const siteHistory = JSON.parse(pulumi(["stack", "history", "--stack", STACKS[0], "--json"]).stdout) as unknown[];
    assert.equal(
      siteHistory.length,
      3,
      "the site stack: the update beside the other stack, the one that held the lock, and the retry (the refused one left no entry)",
    );
  });
});
