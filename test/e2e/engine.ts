/**
 * What the end-to-end tests share: the repository's paths, a runner for real processes (the
 * `pulumi` CLI, `tools/lab.sh`, `bin/gigafactory.js`) with a time limit, and the lab's simulated
 * BMCs. `tools/e2e.sh` sets up the environment (tools/env.sh and a throwaway file backend) and
 * runs mocha; these helpers refuse to run without it, so no test ever touches `.state/backend`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadFleet } from "../../inventory/load";

/** The repository root. */
export const ROOT = join(__dirname, "..", "..");
/** The lab's working folder (simulated BMCs, generated stack config, rendered manifests). */
export const LAB_DIR = join(ROOT, ".lab");
/** Where the lab's kubernetes provider renders (stacks/Pulumi.lab.yaml, `gigafactory:renderDir`). */
export const RENDER_DIR = join(LAB_DIR, "rendered");
/** The lab stack's config with the BMC credentials as secrets, written by tools/lab.sh. */
export const LAB_CONFIG = join(LAB_DIR, "Pulumi.lab.yaml");
/** The lab's SSH nodes: host keys, sshd files and each node's disk (scripts/lab/lab-nodes.ts, started by tools/lab.sh). */
export const NODES_DIR = join(LAB_DIR, "nodes");
/** The lab's SSH private key, made by tools/lab.sh. */
export const SSH_KEY = join(LAB_DIR, "ssh-key");
/** The simulated BMCs' credentials, written by scripts/lab/bmc-sim.sh. */
export const CREDENTIALS = join(LAB_DIR, "bmc-credentials.env");

/** The throwaway backend folder of this run (from PULUMI_BACKEND_URL, set by tools/e2e.sh). */
export function backendDir(): string {
  const url = process.env.PULUMI_BACKEND_URL ?? "";
  if (!url.startsWith("file://") || process.env.GIGAFACTORY_E2E !== "1") {
    throw new Error("run the end-to-end tests through `npm run test:e2e` (tools/e2e.sh): it builds the tools and sets a throwaway backend");
  }
  const dir = fileURLToPath(url);
  if (dir === join(ROOT, ".state", "backend")) throw new Error("refusing to run end-to-end tests against the lab's own backend .state/backend");
  return dir;
}

/** A finished process: exit status, and its output with terminal colours removed. */
export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout then stderr, for messages. */
  readonly output: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** How {@link run} runs a process. */
export interface RunOptions {
  /** Working directory. @default ROOT */
  readonly cwd?: string;
  /** Killed after this long. @default 120 s */
  readonly timeoutMs?: number;
  /** Variables set on top of this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** Variables removed from the environment (after `env`). */
  readonly unset?: readonly string[];
  /** Standard input. @default "" */
  readonly input?: string;
}

/** Runs `command` with `args` in `cwd` (the root by default), killed after `timeoutMs`. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Run {
  backendDir(); // never without the throwaway backend
  const env = { ...process.env, ...options.env };
  for (const name of options.unset ?? []) delete env[name];
  const r = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 120_000,
    killSignal: "SIGKILL",
    env,
    input: options.input ?? "",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${command} ${args.join(" ")}: ${r.error.message}`);
  const stdout = (r.stdout ?? "").replace(ANSI, "");
  const stderr = (r.stderr ?? "").replace(ANSI, "");
  return { status: r.status, stdout, stderr, output: `${stdout}\n${stderr}` };
}

/** Runs the `pulumi` CLI that tools/env.sh put on PATH. */
export function pulumi(args: readonly string[], options: RunOptions = {}): Run {
  return run("pulumi", [...args, "--non-interactive", "--color", "never"], options);
}

/** Runs `tools/lab.sh` (what `npm run lab` runs). */
export function lab(...args: string[]): Run {
  return run("bash", [join(ROOT, "tools", "lab.sh"), ...args], { timeoutMs: 240_000 });
}

/** The simulated BMCs' credentials, as BMC_USERNAME and BMC_PASSWORD. */
export function bmcCredentials(): { BMC_USERNAME: string; BMC_PASSWORD: string } {
  const values = new Map<string, string>();
  for (const line of readFileSync(CREDENTIALS, "utf8").split("\n")) {
    const m = /^\s*(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line);
    if (m) values.set(m[1]!, m[2]!.trim().replace(/^(['"])(.*)\1$/, "$2"));
  }
  const username = values.get("BMC_USERNAME");
  const password = values.get("BMC_PASSWORD");
  if (!username || !password) throw new Error(`${CREDENTIALS} should set BMC_USERNAME and BMC_PASSWORD`);
  return { BMC_USERNAME: username, BMC_PASSWORD: password };
}

/** The lab's nodes and their BMC URLs, as the program reads them from inventory/fleets/lab. */
export const LAB_BMCS = labBmcs();

function labBmcs(): { node: string; bmc: string; fallback: string }[] {
  const loaded = loadFleet(join(ROOT, "inventory", "fleets", "lab"));
  const site = loaded.expanded.find((s) => s.site.id === "lab-1");
  if (!loaded.fleet || !site) throw new Error("inventory/fleets/lab should load and hold site lab-1");
  return site.racks.flatMap((rack) =>
    rack.nodes.map((n) => {
      if (!n.bmc.fallbackUrl) throw new Error(`lab node ${n.hostname} should have a fallback BMC`);
      return { node: n.hostname, bmc: n.bmc.url, fallback: n.bmc.fallbackUrl };
    }),
  );
}

/** `gigafactory bmc power status` of one BMC, with the lab's credentials in the environment. */
export function powerStatus(bmc: string, fallback: string): Run {
  return run(process.execPath, [join(ROOT, "bin", "gigafactory.js"), "bmc", "power", "status", "--bmc", bmc, "--fallback", fallback], {
    env: bmcCredentials(),
    timeoutMs: 60_000,
  });
}

/** `gigafactory bmc power on|off` of one BMC (waits until the state follows). */
export function setPower(action: "on" | "off", bmc: string, fallback: string): Run {
  return run(process.execPath, [join(ROOT, "bin", "gigafactory.js"), "bmc", "power", action, "--bmc", bmc, "--fallback", fallback, "--wait", "30"], {
    env: bmcCredentials(),
    timeoutMs: 60_000,
  });
}

/** Runs scripts/lab/bmc-sim.ts (`start`, `status`, `stop`) on the lab's folder. */
export function bmcSim(...args: string[]): Run {
  return run(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "lab", "bmc-sim.ts"), ...args], { timeoutMs: 180_000 });
}

/** Every file below `dir` (none when it does not exist). */
export function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/**
 * A second checkout of this working tree at another path (a fresh temp folder): every file git
 * tracks or would track, copied; `node_modules` and the built `.tools` linked from this one, as
 * `npm ci` and `npm run tools` would make them. Remove it with `rmSync(dir, { recursive: true })`.
 */
export function secondCheckout(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "gigafactory-checkout-")));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((f) => f !== "");
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
    chmodSync(join(dir, file), statSync(join(ROOT, file)).mode);
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(ROOT, ".tools"), join(dir, ".tools"));
  return dir;
}
