/**
 * Lab nodes that answer SSH for real: each node is a network namespace (`ip netns`, as root) with
 * a veth pair to a bridge in the root namespace, the node's in-band address from the ledger, and
 * a real OpenSSH `sshd` (Debian `openssh-server`) with a throwaway host key. Namespaces isolate the
 * network only: every node sees this machine's files, so the bootstrap runs in render mode with a
 * root directory of its own per node (`SshNode.root`). `stop()` kills the sshds this module started
 * (by PID), deletes the namespaces and the bridge, and removes the directory.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A node to start: its hostname and in-band address with the network's prefix. */
export interface SshNodeSpec {
  readonly hostname: string;
  readonly address: string;
  readonly prefix: number;
}

/** A running node. */
export interface SshNode {
  readonly hostname: string;
  readonly address: string;
  readonly namespace: string;
  /** The node's host key as OpenSSH prints it (`ssh-ed25519 AAAA…`, no comment): what the inventory would pin. */
  readonly hostKey: string;
  /** The directory the bootstrap renders this node's files into (render mode's `--root`). */
  readonly root: string;
}

/** The running lab. */
export interface SshLab {
  readonly dir: string;
  readonly nodes: readonly SshNode[];
  /** The client's private key (OpenSSH format), authorised on every node for `root`. */
  readonly privateKey: string;
  readonly privateKeyFile: string;
  /** known_hosts holding every node's host key. */
  readonly knownHostsFile: string;
  stop(): Promise<void>;
}

/** Options of {@link startSshNodes}. */
export interface SshLabOptions {
  /** The root namespace's address on the nodes' network, with its prefix (e.g. `10.250.1.254/24`): where SSH comes from. */
  readonly rootAddress: string;
  /** The sshd to run. @default "/usr/sbin/sshd" */
  readonly sshd?: string;
}

/** Runs a command; throws with its output when it fails. */
export function sh(cmd: string, args: readonly string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error)).trim()}`);
  return r.stdout;
}

/** Whether this process may make namespaces and run sshd: root, with `ip` and OpenSSH's server and client. */
export function sshLabMissing(sshd = "/usr/sbin/sshd"): string | undefined {
  if (process.getuid?.() !== 0) return "not root (ip netns needs root)";
  for (const [cmd, pkg] of [
    [sshd, "openssh-server"],
    ["ssh", "openssh-client"],
    ["ssh-keygen", "openssh-client"],
    ["ip", "iproute2"],
  ] as const) {
    if (spawnSync(cmd, ["-V"], { encoding: "utf8" }).error) return `${cmd} is missing (Debian: apt-get install -y ${pkg})`;
  }
  return undefined;
}

/** sshd's configuration for node `i` of `dir` (host key `host-i`, PID file `sshd-i.pid`, `authorized_keys`), listening on `address`. */
export const SSHD_CONFIG = (address: string, dir: string, i: number) =>
  [
    `ListenAddress ${address}`,
    "Port 22",
    `HostKey ${dir}/host-${i}`,
    `PidFile ${dir}/sshd-${i}.pid`,
    `AuthorizedKeysFile ${dir}/authorized_keys`,
    "PermitRootLogin prohibit-password",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    "StrictModes no",
    "PrintMotd no",
    "Subsystem sftp internal-sftp",
    "",
  ].join("\n");

/** Resolves once `address:port` accepts a connection; throws after `tries` attempts 50 ms apart. */
export async function listening(address: string, port: number, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: address, port, timeout: 1000 });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
      socket.once("timeout", () => (socket.destroy(), resolve(false)));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`sshd on ${address}:${port} does not answer`);
}

/** Makes a namespace per node with its sshd; throws (after cleaning up) when one cannot start. */
export async function startSshNodes(specs: readonly SshNodeSpec[], options: SshLabOptions): Promise<SshLab> {
  const sshd = options.sshd ?? "/usr/sbin/sshd";
  const dir = mkdtempSync(join(tmpdir(), "gf-ssh-nodes-"));
  const tag = `g${process.pid % 100000}`;
  const bridge = `${tag}br`;
  const namespaces: string[] = [];
  const children: ChildProcess[] = [];
  let bridgeMade = false;
  const stop = async () => {
    for (const child of children) if (child.exitCode === null && child.pid !== undefined) child.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
    for (const ns of namespaces) spawnSync("ip", ["netns", "del", ns]);
    if (bridgeMade) spawnSync("ip", ["link", "del", bridge]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    mkdirSync("/run/sshd", { recursive: true });
    sh("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "gigafactory-test", "-f", join(dir, "client")]);
    writeFileSync(join(dir, "authorized_keys"), readFileSync(join(dir, "client.pub")));
    sh("ip", ["link", "add", bridge, "type", "bridge"]);
    bridgeMade = true;
    sh("ip", ["addr", "add", options.rootAddress, "dev", bridge]);
    sh("ip", ["link", "set", bridge, "up"]);
    const nodes: SshNode[] = [];
    const known: string[] = [];
    for (const [i, spec] of specs.entries()) {
      const ns = `${tag}-n${i}`;
      sh("ip", ["netns", "add", ns]);
      namespaces.push(ns);
      const outside = `${tag}h${i}`;
      sh("ip", ["link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns]);
      sh("ip", ["link", "set", outside, "master", bridge, "up"]);
      sh("ip", ["-n", ns, "addr", "add", `${spec.address}/${spec.prefix}`, "dev", "eth0"]);
      sh("ip", ["-n", ns, "link", "set", "eth0", "up"]);
      sh("ip", ["-n", ns, "link", "set", "lo", "up"]);
      sh("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", join(dir, `host-${i}`)]);
      const hostKey = readFileSync(join(dir, `host-${i}.pub`), "utf8")
        .trim()
        .split(/\s+/)
        .slice(0, 2)
        .join(" ");
      writeFileSync(join(dir, `sshd-${i}.conf`), SSHD_CONFIG(spec.address, dir, i));
      const log = openSync(join(dir, `sshd-${i}.log`), "a");
      const child = spawn("ip", ["netns", "exec", ns, sshd, "-D", "-e", "-f", join(dir, `sshd-${i}.conf`)], { stdio: ["ignore", log, log] });
      closeSync(log);
      children.push(child);
      const root = join(dir, "roots", spec.hostname);
      mkdirSync(root, { recursive: true });
      nodes.push({ hostname: spec.hostname, address: spec.address, namespace: ns, hostKey, root });
      known.push(`${spec.address} ${hostKey}`);
    }
    for (const [i, node] of nodes.entries()) {
      await listening(node.address, 22).catch((e: Error) => {
        throw new Error(`${e.message}: ${readFileSync(join(dir, `sshd-${i}.log`), "utf8").trim()}`);
      });
    }
    const knownHostsFile = join(dir, "known_hosts");
    writeFileSync(knownHostsFile, `${known.join("\n")}\n`);
    const privateKeyFile = join(dir, "client");
    return { dir, nodes, privateKey: readFileSync(privateKeyFile, "utf8"), privateKeyFile, knownHostsFile, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
