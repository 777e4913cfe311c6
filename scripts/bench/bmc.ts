/**
 * `bmc-power-500-s`, `bmc-vs-ipmitool-ratio`, `bmc-inspect-500-s`: 500 simulated IPMI BMCs
 * (OpenIPMI's ipmi_sim, on loopback addresses of 127.0.30.0/23) powered on through the bare-metal
 * provider's own code path (Update of a host found off: the one semaphore at the default
 * parallelism, the lifecycle, the BMC client), against plain shell loops of `ipmitool` at the same
 * parallelism (`xargs -P`), in the same run:
 * - `ipmitool-on-only-500-s` only sends `chassis power on`, one ipmitool per node: the issue's
 *   baseline, `bmc-vs-ipmitool-ratio` (also printed as `bmc-vs-ipmitool-on-only-ratio`) counts
 *   everything the client does more (the read before, the read-back, the provider);
 * - `ipmitool-loop-500-s` does per node what the client does, read the power, power on, read it
 *   back, one ipmitool run each: `bmc-vs-ipmitool-read-on-read-ratio`.
 * Then every host inspected through the provider's inspection step (IPMI FRU; the simulators carry
 * FRU data when scripts/lab/bmc-sim/fru.ts is there). Prints `name: value` lines; says on stderr
 * what it could not measure.
 *
 *   npx tsx scripts/bench/bmc.ts [count]     # default 500
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_BMC_PARALLELISM, DEFAULT_BMC_PARALLELISM_PER_FEED, nodeFeeds } from "../../model/baremetal/parallelism";
import { HostProvider } from "../../provider/host-provider";
import { HOST_TYPE, secret, type HostInputs, type HostOutputs } from "../../provider/host-inputs";
import { inspectHost } from "../../provider/lifecycle";
import { FeedSemaphore } from "../../provider/semaphore";
import { BMC_CALLS } from "../../provider/host-provider";
import { IpmiClient } from "../../bmc/ipmi";
import { IPMI_EMU, ipmiLanConf } from "../lab/bmc-sim/configs";
import { generateCredentials } from "../lab/bmc-sim/credentials";
import { figure } from "./measure";

const PORT = 6230;
const NODES_PER_RACK = 8;

interface Sim {
  readonly address: string;
  readonly chassis: string;
  readonly process: ChildProcess;
}

/** Node `i`'s loopback address: 127.0.30.1 … 127.0.31.250. */
const address = (i: number) => `127.0.${30 + Math.floor(i / 250)}.${1 + (i % 250)}`;

function startSims(dir: string, count: number, credentials: { username: string; password: string }): Sim[] {
  const chassisScript = join(__dirname, "..", "lab", "ipmi-chassis.sh");
  return Array.from({ length: count }, (_, i) => {
    const nodeDir = join(dir, `n${i}`);
    const chassis = join(nodeDir, "chassis");
    mkdirSync(join(nodeDir, "state"), { recursive: true });
    mkdirSync(chassis, { recursive: true });
    writeFileSync(join(chassis, "power"), "0\n");
    const lan = ipmiLanConf({
      node: `bench-${i}`,
      address: address(i),
      port: PORT,
      chassisCommand: `/bin/sh ${chassisScript} ${chassis}`,
      credentials,
      guid: i.toString(16).padStart(32, "0"),
    });
    writeFileSync(join(nodeDir, "lan.conf"), lan, { mode: 0o600 });
    writeFileSync(join(nodeDir, "bmc.emu"), `${IPMI_EMU}${fru(i)}`);
    const child = spawn("ipmi_sim", ["-c", join(nodeDir, "lan.conf"), "-f", join(nodeDir, "bmc.emu"), "-s", join(nodeDir, "state"), "-n"], {
      stdio: "ignore",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C" },
    });
    return { address: address(i), chassis, process: child };
  });
}

/** The ipmi_sim commands that give node `i` FRU data, when the lab's FRU module is there. */
function fru(i: number): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require("../lab/bmc-sim/fru") as { fruCommand(image: readonly number[]): string; fruImage(info: Record<string, string>): number[] };
    const tag = `bench-${i}`;
    const info = {
      manufacturer: "Gigafactory Bench",
      product: "Simulated node",
      partNumber: "BENCH-1",
      serial: `SN-${tag}`,
      chassisSerial: `CH-${tag}`,
      chassisPartNumber: "BENCH-CH",
    };
    return `${m.fruCommand(m.fruImage(info))}\n`;
  } catch {
    return "";
  }
}

/** Runs `fn` over `items`, at most `n` at once. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function waitReady(sims: readonly Sim[], credentials: { username: string; password: string }): Promise<void> {
  await pool(sims, 32, async (s) => {
    const client = new IpmiClient({ protocol: "ipmi", scheme: "ipmi", host: s.address, port: PORT }, credentials);
    for (let attempt = 0; ; attempt++) {
      try {
        await client.powerState();
        return;
      } catch (e) {
        if (attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  });
}

function allOff(sims: readonly Sim[]): void {
  for (const s of sims) writeFileSync(join(s.chassis, "power"), "0\n");
}

function host(i: number, credentials: { username: string; password: string }): HostInputs {
  return {
    hostname: `bench-${i}`,
    inBandAddress: `10.0.${Math.floor(i / 250)}.${1 + (i % 250)}`,
    bmcUrl: `ipmi://${address(i)}:${PORT}`,
    credentials: secret(credentials),
    feeds: nodeFeeds(`bench-r${Math.floor(i / NODES_PER_RACK)}`, 2),
    parallelism: { total: DEFAULT_BMC_PARALLELISM, perFeed: DEFAULT_BMC_PARALLELISM_PER_FEED },
    expected: { id: "bench", accelerator: { model: "SIM", count: 1 }, rails: 1, railSpeedGbps: 100 },
    boot: { kind: "pxe" },
  };
}

/** Wall time of powering every node on through the provider's Update of a host found off. */
async function ours(count: number, credentials: { username: string; password: string }): Promise<number> {
  const provider = new HostProvider("bench");
  const hosts = Array.from({ length: count }, (_, i) => host(i, credentials));
  const start = process.hrtime.bigint();
  await Promise.all(
    hosts.map((h) => {
      const old: HostOutputs = { ...h, state: "provisioned", powerState: "off", bmcAnswered: h.bmcUrl, facts: {} };
      return provider.update(h.hostname, `urn:pulumi:bench::gigafactory::${HOST_TYPE}::${h.hostname}`, old, h);
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Wall time of a plain shell loop of ipmitool at the same parallelism: per node `power on` alone, or read, on, read back. */
function baseline(sims: readonly Sim[], credentials: { username: string; password: string }, sameOperations: boolean): number {
  const ipmitool = `ipmitool -I lanplus -C 3 -H "$1" -p ${PORT} -U "$BMC_USER" -E -N 1 -R 2 chassis power`;
  const perNode = sameOperations ? `${ipmitool} status && ${ipmitool} on && ${ipmitool} status` : `${ipmitool} on`;
  const script = `xargs -P ${DEFAULT_BMC_PARALLELISM} -I{} sh -c '${perNode} >/dev/null' - {}`;
  const start = process.hrtime.bigint();
  const r = spawnSync("sh", ["-c", script], {
    input: sims.map((s) => s.address).join("\n"),
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", BMC_USER: credentials.username, IPMI_PASSWORD: credentials.password },
  });
  if (r.status !== 0) throw new Error(`the ipmitool loop failed (${r.status}): ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Wall time of inspecting every host through the provider's inspection step, or undefined with the reason on stderr. */
async function inspectAll(count: number, credentials: { username: string; password: string }): Promise<number | undefined> {
  const semaphore = new FeedSemaphore({ total: DEFAULT_BMC_PARALLELISM, perFeed: DEFAULT_BMC_PARALLELISM_PER_FEED });
  // ipmi_sim without FRU data reports no accelerators: nothing to hold against the blueprint.
  const ctx = { calls: { ...BMC_CALLS, matchBlueprint: () => [] }, semaphore };
  const start = process.hrtime.bigint();
  try {
    await Promise.all(Array.from({ length: count }, (_, i) => inspectHost(host(i, credentials), ctx)));
  } catch (e) {
    console.error(`bench: bmc-inspect-500-s not measured: ${(e as Error).message}`);
    return undefined;
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 500);
  const dir = mkdtempSync(join(tmpdir(), "gigafactory-bench-bmc-"));
  const credentials = generateCredentials();
  const sims = startSims(dir, count, credentials);
  try {
    await waitReady(sims, credentials);
    // Alternate, best of two each: one noisy moment on a shared machine should not decide the ratio.
    const times = { ours: Infinity, loop: Infinity, onOnly: Infinity };
    for (let round = 0; round < 2; round++) {
      allOff(sims);
      times.loop = Math.min(times.loop, baseline(sims, credentials, true));
      allOff(sims);
      times.ours = Math.min(times.ours, await ours(count, credentials));
      allOff(sims);
      times.onOnly = Math.min(times.onOnly, baseline(sims, credentials, false));
    }
    figure("bmc-power-nodes", count, 0);
    figure("bmc-parallelism", DEFAULT_BMC_PARALLELISM, 0);
    figure("bmc-power-500-s", times.ours, 2);
    figure("ipmitool-on-only-500-s", times.onOnly, 2);
    figure("bmc-vs-ipmitool-ratio", times.ours / times.onOnly, 2);
    figure("bmc-vs-ipmitool-on-only-ratio", times.ours / times.onOnly, 2);
    figure("ipmitool-loop-500-s", times.loop, 2);
    figure("bmc-vs-ipmitool-read-on-read-ratio", times.ours / times.loop, 2);
    const inspected = await inspectAll(count, credentials);
    if (inspected !== undefined) figure("bmc-inspect-500-s", inspected, 2);
  } finally {
    for (const s of sims) s.process.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
