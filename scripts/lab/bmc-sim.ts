/**
 * Simulated BMCs for the lab, on loopback only. Node N gets one out-of-band address, NET.N, which
 * answers like a real BMC on two protocols:
 *
 *   Redfish  redfish+http://NET.N:8000/redfish/v1/Systems/1   sushy-emulator, fake driver (no libvirt)
 *            redfish://NET.N:8000/redfish/v1/Systems/1         the same over HTTPS with --https: a lab CA
 *                                                              (DIR/bmc/ca/ca.pem, openssl) signs each BMC's
 *                                                              certificate; clients trust it per BMC
 *   IPMI     ipmi://NET.N:6230                                 OpenIPMI's ipmi_sim, lanplus, with FRU data
 *
 * The two are separate simulators: each keeps its own power state. The Redfish one holds the
 * node's "real" state; the IPMI one stands in for the fallback path.
 *
 * Credentials are lab-only, generated at every fresh start, shared by all the node's BMCs and
 * written to DIR/bmc-credentials.env (mode 600) as BMC_USERNAME and BMC_PASSWORD; never printed.
 * State, configuration, PID files and logs live under DIR/bmc/ (DIR is .lab/, ignored by git).
 *
 *   npx tsx scripts/lab/bmc-sim.ts install              python venv .lab/venv with sushy-tools
 *   npx tsx scripts/lab/bmc-sim.ts start [--count 3]    start (or keep) the BMCs, wait until they answer
 *   npx tsx scripts/lab/bmc-sim.ts status               the BMCs and whether they run
 *   npx tsx scripts/lab/bmc-sim.ts stop                 stop them
 *
 * `start --help` lists the options (net, ports, nodes that start powered on, --json). The
 * configuration files are rendered by bmc-sim/configs.ts, the credentials by bmc-sim/credentials.ts,
 * and the processes are handled by bmc-sim/processes.ts.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Command, InvalidArgumentError } from "commander";
import type { Credentials } from "../../bmc/bmc";
import { bmcEndpointUrl, bmcUrl, formatBmcUrl, parseBmcUrl, SYSTEM_ID, type IpmiUrl, type RedfishUrl } from "../../model/bmc-url";
import { IpmiClient } from "../../bmc/ipmi";
import { RedfishClient } from "../../bmc/redfish";
import { IPMI_EMU, ipmiLanConf, labMac, redfishConfig } from "./bmc-sim/configs";
import { generateCredentials, htpasswdLine, readCredentials, writeCredentials, writePrivate } from "./bmc-sim/credentials";
import { fruCommand, fruImage, type FruInfo } from "./bmc-sim/fru";
import { issueCertificate, labCa, type LabCa } from "./bmc-sim/tls";
import { daemon, isOurs, onPath, readPid, tail, terminate } from "./bmc-sim/processes";

const ROOT = resolve(__dirname, "..", "..");

/** Where the lab keeps its files by default. */
export const LAB_DIR = join(ROOT, ".lab");
/** The Python venv holding sushy-tools; GIGAFACTORY_LAB_VENV moves it (a CI cache, say). */
export const LAB_VENV = process.env.GIGAFACTORY_LAB_VENV ?? join(LAB_DIR, "venv");
/** The pinned Python requirements of the Redfish simulator. */
export const REQUIREMENTS = join(__dirname, "requirements.txt");

/** How to install what the simulators need, for error messages and the README. */
export const INSTALL_HINT = [
  "apt-get install -y openipmi ipmitool",
  "npx tsx scripts/lab/bmc-sim.ts install   # python3 -m venv .lab/venv && .lab/venv/bin/pip install -r scripts/lab/requirements.txt",
].join("\n  ");

/** Network ports of a lab node: `lab-node`'s rails plus storage ports (inventory/fleets/lab; a test holds them equal). */
export const LAB_NODE_PORTS = 3;

/** Options of {@link startSimulators}. */
export interface SimOptions {
  /** Directory for state, logs, PID files and the credentials file. @default LAB_DIR */
  readonly dir?: string;
  /** Number of nodes, 1 to 254. @default 3 */
  readonly count?: number;
  /** The first three octets of the BMC addresses, inside 127.0.0.0/8. @default "127.0.10" */
  readonly net?: string;
  /** TCP port of the Redfish simulators. @default 8000 */
  readonly redfishPort?: number;
  /** UDP port of the IPMI simulators (623 needs root). @default 6230 */
  readonly ipmiPort?: number;
  /** The venv holding sushy-emulator. @default LAB_VENV */
  readonly venv?: string;
  /** Create the venv from PyPI when it is missing. @default false */
  readonly install?: boolean;
  /** How long to wait for every BMC to answer, in milliseconds. @default 30000 */
  readonly readyTimeoutMs?: number;
  /**
   * Nodes (1-based) whose machine starts powered on, on both protocols; the others start off. Applies
   * to a fresh state directory only: a simulator that ran before keeps the state it had. @default []
   */
  readonly poweredOn?: readonly number[];
  /** Serve Redfish over HTTPS, each BMC's certificate signed by the lab CA (DIR/bmc/ca/ca.pem). @default false */
  readonly https?: boolean;
  /**
   * Network ports each simulated machine reports over Redfish, so that inspection finds what the
   * node's blueprint says: the lab blueprint's one rail and two storage ports. @default LAB_NODE_PORTS
   */
  readonly ports?: number;
  /** The Redfish system id the BMCs serve (real BMCs say `System.Embedded.1`, a serial number, …). @default SYSTEM_ID */
  readonly systemId?: string;
}

/** One simulated node BMC. */
export interface SimulatedBmc {
  readonly node: string;
  /** The out-of-band address both protocols answer on. */
  readonly address: string;
  readonly redfish: string;
  readonly ipmi: string;
}

/** What {@link startSimulators} started (or found running). */
export interface SimulatedSite {
  readonly dir: string;
  readonly bmcs: readonly SimulatedBmc[];
  /** The env file with BMC_USERNAME and BMC_PASSWORD (mode 600). */
  readonly credentialsFile: string;
  /** The same credentials, in memory. Do not print them. */
  readonly credentials: Credentials;
  /** False when the simulators were already running with the same layout. */
  readonly started: boolean;
  /** With `https`: the lab CA that signs every Redfish BMC's certificate, as a file and as PEM text (trust it per BMC). */
  readonly ca?: { readonly caFile: string; readonly caBundle: string };
}

/** The layout recorded in DIR/bmc/sims.json (no secrets). */
interface Manifest {
  readonly count: number;
  readonly net: string;
  readonly redfishPort: number;
  readonly ipmiPort: number;
  readonly https?: boolean;
  readonly systemId?: string;
  readonly bmcs: readonly SimulatedBmc[];
}

/** A prerequisite is missing; the message says what to install. */
export class SimulatorsMissing extends Error {
  override readonly name = "SimulatorsMissing";
}

/** What is missing to run the simulators, as words for an error message; empty when all is there. */
export function missingPrerequisites(venv: string = LAB_VENV): string[] {
  const missing: string[] = [];
  if (!onPath("ipmi_sim")) missing.push("ipmi_sim (Debian package openipmi)");
  if (!onPath("ipmitool")) missing.push("ipmitool (Debian package ipmitool)");
  if (!existsSync(join(venv, "bin", "sushy-emulator"))) missing.push(`sushy-emulator in ${venv} (PyPI sushy-tools, scripts/lab/requirements.txt)`);
  return missing;
}

/** Creates the venv and installs the pinned requirements (reaches PyPI through pip). */
export function installVenv(venv: string = LAB_VENV): void {
  const python = process.env.PYTHON ?? "python3";
  for (const [cmd, args] of [
    [python, ["-m", "venv", venv]],
    [join(venv, "bin", "pip"), ["install", "--disable-pip-version-check", "--quiet", "-r", REQUIREMENTS]],
  ] as const) {
    const r = spawnSync(cmd, args, { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed${r.error ? `: ${r.error.message}` : ` with exit code ${r.status}`}`);
  }
}

/** Starts the simulated BMCs, or keeps them when they already run with the same layout; waits until each answers. */
export async function startSimulators(options: SimOptions = {}): Promise<SimulatedSite> {
  const o = resolveOptions(options);
  if (o.install && !existsSync(join(o.venv, "bin", "sushy-emulator"))) installVenv(o.venv);
  const missing = missingPrerequisites(o.venv);
  if (missing.length > 0) throw new SimulatorsMissing(`the BMC simulators need ${missing.join(", ")}; install them with:\n  ${INSTALL_HINT}`);

  const bmcDir = join(o.dir, "bmc");
  const credentialsFile = join(o.dir, "bmc-credentials.env");
  const manifest = layout(o);
  const running = readManifest(bmcDir);
  if (running && sameLayout(running, manifest) && allAlive(bmcDir, running) && existsSync(credentialsFile)) {
    const credentials = readCredentials(credentialsFile);
    const ca = o.https ? labCa(join(bmcDir, "ca")) : undefined;
    await waitReady(bmcDir, running, credentials, o.readyTimeoutMs, ca);
    return { dir: o.dir, bmcs: running.bmcs, credentialsFile, credentials, started: false, ...caOf(ca) };
  }
  await stopSimulators(o.dir);

  mkdirSync(bmcDir, { recursive: true, mode: 0o700 });
  // Keep the credentials a stack already holds as secrets: new ones would make every node's
  // command change, and the old BMCs would refuse the old credentials on power off.
  const credentials = existsSync(credentialsFile) ? readCredentials(credentialsFile) : generateCredentials();
  writeCredentials(credentialsFile, credentials);
  const htpasswd = join(bmcDir, "htpasswd");
  writePrivate(htpasswd, htpasswdLine(o.venv, credentials));
  writeFileSync(join(bmcDir, "sims.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const ca = o.https ? labCa(join(bmcDir, "ca")) : undefined;

  try {
    manifest.bmcs.forEach((bmc, i) => {
      const nodeDir = join(bmcDir, bmc.node);
      mkdirSync(nodeDir, { recursive: true, mode: 0o700 });
      startRedfish(o, nodeDir, bmc, i + 1, htpasswd, ca);
      startIpmi(o, nodeDir, bmc, i + 1, credentials);
    });
    await waitReady(bmcDir, manifest, credentials, o.readyTimeoutMs, ca);
  } catch (e) {
    await stopSimulators(o.dir);
    throw e;
  }
  return { dir: o.dir, bmcs: manifest.bmcs, credentialsFile, credentials, started: true, ...caOf(ca) };
}

/** Stops every simulator recorded under DIR/bmc/; returns how many processes it stopped. */
export async function stopSimulators(dir: string = LAB_DIR): Promise<number> {
  const bmcDir = join(dir, "bmc");
  if (!existsSync(bmcDir)) return 0;
  let stopped = 0;
  for (const node of readdirSync(bmcDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of ["redfish", "ipmi"]) {
      const pidFile = join(bmcDir, node.name, `${name}.pid`);
      const pid = readPid(pidFile);
      if (pid !== undefined && isOurs(pid, join(bmcDir, node.name))) {
        await terminate(pid);
        stopped++;
      }
      rmSync(pidFile, { force: true });
    }
  }
  return stopped;
}

/** The recorded BMCs and whether each process runs. */
export function simulatorStatus(dir: string = LAB_DIR): { bmc: SimulatedBmc; redfish: boolean; ipmi: boolean }[] {
  const bmcDir = join(dir, "bmc");
  const manifest = readManifest(bmcDir);
  if (!manifest) return [];
  return manifest.bmcs.map((bmc) => ({ bmc, redfish: processAlive(bmcDir, bmc.node, "redfish"), ipmi: processAlive(bmcDir, bmc.node, "ipmi") }));
}

function resolveOptions(o: SimOptions): Required<SimOptions> {
  const r = {
    dir: resolve(o.dir ?? LAB_DIR),
    count: o.count ?? 3,
    net: o.net ?? "127.0.10",
    redfishPort: o.redfishPort ?? 8000,
    ipmiPort: o.ipmiPort ?? 6230,
    venv: resolve(o.venv ?? LAB_VENV),
    install: o.install ?? false,
    readyTimeoutMs: o.readyTimeoutMs ?? 30_000,
    poweredOn: o.poweredOn ?? [],
    https: o.https ?? false,
    systemId: o.systemId ?? SYSTEM_ID,
    ports: o.ports ?? LAB_NODE_PORTS,
  };
  if (!/^[A-Za-z0-9._~-]+$/.test(r.systemId)) throw new Error(`systemId [${r.systemId}] should be letters, digits and . _ ~ -`);
  const octets = r.net.split(".");
  if (octets.length !== 3 || octets[0] !== "127" || !octets.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255)) {
    throw new Error(`net [${r.net}] should be the first three octets of a loopback address, like 127.0.10`);
  }
  if (!Number.isInteger(r.count) || r.count < 1 || r.count > 254) throw new Error(`count [${r.count}] should be a whole number from 1 to 254`);
  for (const n of r.poweredOn)
    if (!Number.isInteger(n) || n < 1 || n > r.count) throw new Error(`poweredOn [${n}] should be a node number from 1 to ${r.count}`);
  for (const [name, port] of [
    ["redfishPort", r.redfishPort],
    ["ipmiPort", r.ipmiPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} [${port}] should be a port from 1 to 65535`);
  }
  if (/[\s'"\\]/.test(ROOT) || /[\s'"\\]/.test(r.dir))
    throw new Error(`the repository and lab directory paths should contain no spaces or quotes (ipmi_sim's configuration cannot quote them)`);
  return r;
}

function layout(o: Required<SimOptions>): Manifest {
  const bmcs = Array.from({ length: o.count }, (_, i) => {
    const address = `${o.net}.${i + 1}`;
    return {
      node: `node-${i + 1}`,
      address,
      redfish: formatBmcUrl({
        ...bmcEndpointUrl("redfish", address, { port: o.redfishPort, transport: o.https ? "https" : "http" }),
        systemId: o.systemId,
      } as RedfishUrl),
      ipmi: bmcUrl("ipmi", address, { ipmiPort: o.ipmiPort }),
    };
  });
  return { count: o.count, net: o.net, redfishPort: o.redfishPort, ipmiPort: o.ipmiPort, https: o.https, systemId: o.systemId, bmcs };
}

function sameLayout(a: Manifest, b: Manifest): boolean {
  const same = a.count === b.count && a.net === b.net && a.redfishPort === b.redfishPort && a.ipmiPort === b.ipmiPort;
  return same && (a.https ?? false) === (b.https ?? false) && (a.systemId ?? SYSTEM_ID) === (b.systemId ?? SYSTEM_ID);
}

function caOf(ca: LabCa | undefined): { ca?: { caFile: string; caBundle: string } } {
  return ca === undefined ? {} : { ca: { caFile: ca.caFile, caBundle: ca.caBundle } };
}

/** What node `index`'s FRU says (the IPMI inspection reads it back). */
export function labFru(net: string, index: number): FruInfo {
  const tag = `${net.split(".")[2]}-${index}`;
  return {
    manufacturer: "Gigafactory Lab",
    product: "Simulated HGX node",
    partNumber: "LAB-HGX-8",
    serial: `LABSN-${tag}`,
    chassisSerial: `LABCH-${tag}`,
    chassisPartNumber: "LAB-CHASSIS-4U",
  };
}

function readManifest(bmcDir: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(join(bmcDir, "sims.json"), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

function allAlive(bmcDir: string, m: Manifest): boolean {
  return m.bmcs.every((b) => processAlive(bmcDir, b.node, "redfish") && processAlive(bmcDir, b.node, "ipmi"));
}

function processAlive(bmcDir: string, node: string, name: string): boolean {
  const pid = readPid(join(bmcDir, node, `${name}.pid`));
  return pid !== undefined && isOurs(pid, join(bmcDir, node));
}

function startRedfish(o: Required<SimOptions>, nodeDir: string, bmc: SimulatedBmc, index: number, htpasswd: string, ca: LabCa | undefined): void {
  const config = join(nodeDir, "redfish.conf.py");
  const stateDir = join(nodeDir, "redfish-state");
  const macs = Array.from({ length: o.ports }, (_, port) => labMac(o.net, index, port));
  // The fake driver keeps its systems (power, boot, NICs) in its state; a machine with other
  // hardware (more ports, another system id) starts from a fresh state rather than the old machine's.
  const machine = join(nodeDir, "redfish-machine.json");
  const described = JSON.stringify({ systemId: o.systemId, macs });
  if (!existsSync(machine) || readFileSync(machine, "utf8") !== described) rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(machine, described);
  const poweredOn = o.poweredOn.includes(index);
  writeFileSync(
    config,
    redfishConfig({
      node: bmc.node,
      address: bmc.address,
      port: o.redfishPort,
      systemId: o.systemId,
      poweredOn,
      macs,
      htpasswd,
      stateDir,
      ...(ca === undefined ? {} : { tls: issueCertificate(ca, bmc.address) }),
    }),
  );
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", PYTHONUNBUFFERED: "1", LC_ALL: "C.UTF-8" };
  daemon(join(o.venv, "bin", "sushy-emulator"), ["--config", config], nodeDir, "redfish", env);
}

function startIpmi(o: Required<SimOptions>, nodeDir: string, bmc: SimulatedBmc, index: number, credentials: Credentials): void {
  const dir = join(nodeDir, "ipmi");
  const chassis = join(dir, "chassis");
  const state = join(dir, "state");
  if (!existsSync(chassis)) {
    mkdirSync(chassis, { recursive: true });
    writeFileSync(join(chassis, "power"), o.poweredOn.includes(index) ? "1\n" : "0\n");
  }
  mkdirSync(state, { recursive: true });
  const chassisCommand = `/bin/sh ${join(__dirname, "ipmi-chassis.sh")} ${chassis}`;
  const lanConf = ipmiLanConf({ node: bmc.node, address: bmc.address, port: o.ipmiPort, chassisCommand, credentials, guid: randomBytes(16).toString("hex") });
  writePrivate(join(dir, "lan.conf"), lanConf);
  writeFileSync(join(dir, "bmc.emu"), `${IPMI_EMU}${fruCommand(fruImage(labFru(o.net, index)))}\n`);
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C" };
  daemon("ipmi_sim", ["-c", join(dir, "lan.conf"), "-f", join(dir, "bmc.emu"), "-s", state, "-n"], nodeDir, "ipmi", env);
}

async function waitReady(bmcDir: string, m: Manifest, c: Credentials, timeoutMs: number, ca: LabCa | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const tls = ca === undefined ? {} : { tls: { caBundle: ca.caBundle } };
  const probeRedfish = async (url: string) => {
    const client = new RedfishClient(parseBmcUrl(url) as RedfishUrl, c, { requestTimeoutMs: 2000, retries: 0, ...tls });
    try {
      await client.powerState();
    } finally {
      await client.close();
    }
  };
  await Promise.all(
    m.bmcs.flatMap((bmc) => [
      waitFor(bmcDir, bmc, "redfish", deadline, () => probeRedfish(bmc.redfish)),
      waitFor(bmcDir, bmc, "ipmi", deadline, () => new IpmiClient(parseBmcUrl(bmc.ipmi) as IpmiUrl, c, { requestTimeoutMs: 5000 }).powerState()),
    ]),
  );
}

async function waitFor(bmcDir: string, bmc: SimulatedBmc, name: string, deadline: number, probe: () => Promise<unknown>): Promise<void> {
  const nodeDir = join(bmcDir, bmc.node);
  let last = "";
  while (Date.now() < deadline) {
    if (!processAlive(bmcDir, bmc.node, name))
      throw new Error(`the ${name} simulator of ${bmc.node} exited; ${name}.log ends with:\n${tail(join(nodeDir, `${name}.log`))}`);
    try {
      await probe();
      return;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`the ${name} simulator of ${bmc.node} did not answer in time (${last}); ${name}.log ends with:\n${tail(join(nodeDir, `${name}.log`))}`);
}

function listOption(value: string): number[] {
  return value.split(",").map((v) => intOption(v.trim()));
}

function intOption(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`must be a whole number (got "${value}")`);
  return Number(value);
}

/** The command line of this script. */
export function simCommand(): Command {
  const program = new Command("bmc-sim").description("simulated BMCs of the lab, on loopback");
  program
    .command("install")
    .description("create the Python venv with sushy-tools (reaches PyPI)")
    .option("--venv <dir>", "venv directory", LAB_VENV)
    .action((o: { venv: string }) => installVenv(resolve(o.venv)));
  program
    .command("start")
    .description("start the simulated BMCs (or keep them running) and wait until each answers")
    .option("--dir <dir>", "state, logs, PID files and credentials", LAB_DIR)
    .option("--count <n>", "number of nodes", intOption, 3)
    .option("--net <a.b.c>", "first three octets of the BMC addresses (loopback)", "127.0.10")
    .option("--redfish-port <port>", "Redfish TCP port", intOption, 8000)
    .option("--ipmi-port <port>", "IPMI UDP port", intOption, 6230)
    .option("--venv <dir>", "venv with sushy-emulator (created when missing)", LAB_VENV)
    .option("--powered-on <n,...>", "nodes whose machine starts powered on (fresh state only)", listOption, [])
    .option("--https", "serve Redfish over HTTPS, certificates signed by the lab CA (DIR/bmc/ca/ca.pem)")
    .option("--json", "print the BMCs as JSON")
    .action(
      async (o: {
        dir: string;
        count: number;
        net: string;
        redfishPort: number;
        ipmiPort: number;
        venv: string;
        poweredOn: number[];
        https?: boolean;
        json?: boolean;
      }) => {
        const site = await startSimulators({ ...o, https: o.https === true, install: true });
        const summary = { started: site.started, credentialsFile: site.credentialsFile, ...(site.ca ? { caFile: site.ca.caFile } : {}), bmcs: site.bmcs };
        if (o.json) console.log(JSON.stringify(summary, null, 2));
        else {
          console.log(`${site.started ? "started" : "already running"}: ${site.bmcs.length} simulated BMCs; credentials in ${site.credentialsFile}`);
          if (site.ca) console.log(`Redfish over HTTPS; trust the lab CA ${site.ca.caFile} for these BMCs only (gigafactory bmc --ca-bundle)`);
          for (const b of site.bmcs) console.log(`${b.node}  ${b.redfish}  ${b.ipmi}`);
        }
      },
    );
  program
    .command("status")
    .description("list the simulated BMCs and whether they run")
    .option("--dir <dir>", "state, logs, PID files and credentials", LAB_DIR)
    .action((o: { dir: string }) => {
      const rows = simulatorStatus(resolve(o.dir));
      if (rows.length === 0) console.log("no simulated BMCs");
      for (const r of rows) console.log(`${r.bmc.node}  ${r.bmc.redfish} ${r.redfish ? "up" : "down"}  ${r.bmc.ipmi} ${r.ipmi ? "up" : "down"}`);
    });
  program
    .command("stop")
    .description("stop the simulated BMCs")
    .option("--dir <dir>", "state, logs, PID files and credentials", LAB_DIR)
    .action(async (o: { dir: string }) => {
      const n = await stopSimulators(resolve(o.dir));
      console.log(n === 0 ? "no simulated BMCs were running" : `stopped ${n} simulator processes`);
    });
  return program;
}

if (require.main === module) {
  simCommand()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      console.error(`error: ${(e as Error).message}`);
      process.exitCode = 1;
    });
}
