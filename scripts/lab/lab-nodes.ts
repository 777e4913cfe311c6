/**
 * The lab's nodes as machines that answer SSH, kept running between commands (what `npm run lab`
 * starts; the tests' short-lived nodes are scripts/lab/ssh-nodes.ts). Each node of the site is a
 * network namespace `gflab-<hostname>` with a veth to the bridge `gflabbr`, its in-band address from
 * the ledger, and a real OpenSSH `sshd` (as root). Each node also has a disk of its own: in the
 * sshd's mount namespace, DIR/disks/<hostname> is mounted at MOUNT_AT (a private tmpfs over its
 * parent, so this machine's own files there stay as they are), so the OS bootstrap in render mode
 * with `--root MOUNT_AT` installs into that node's disk only, and every node has the same root.
 *
 *   npm run lab-nodes -- check     why the nodes cannot run here, if they cannot (exit 3)
 *   npm run lab-nodes -- start --authorized-key .lab/ssh-key.pub --mount-at /srv/node
 *                                  start (or keep) the nodes
 *   npm run lab-nodes -- status    the nodes and whether they answer
 *   npm run lab-nodes -- stop      stop them, delete the namespaces, the bridge and the disks
 *
 * Host keys are made once per node (DIR/host-<i>) and kept while the nodes run, so the host keys the
 * stack recorded on first use still match on the next `up`. Only the sshds whose PID files are in
 * DIR (and whose command line names DIR) are ever stopped.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Command } from "commander";
import { siteBootstrapNodes } from "../../inventory/bootstrap-nodes";
import { loadFleet } from "../../inventory/load";
import { listening, sh, sshLabMissing, SSHD_CONFIG } from "./ssh-nodes";

/** The lab's node state, relative to the project. */
export const LAB_NODES_DIR = ".lab/nodes";
/** The bridge in this machine's namespace that every node's veth joins. */
export const LAB_BRIDGE = "gflabbr";
/** A node's network namespace. */
export const labNamespace = (hostname: string): string => `gflab-${hostname}`;
/** A node's disk on this machine. */
export const labNodeDisk = (dir: string, hostname: string): string => join(dir, "disks", hostname);

/** A lab node from the ledger. */
export interface LabNode {
  readonly hostname: string;
  readonly address: string;
  readonly prefix: number;
}

/** The nodes of `site` in `fleet`, with their in-band (management) addresses. */
export function labNodes(fleet: string, site: string): LabNode[] {
  const expanded = loadFleet(fleet).expanded.find((s) => s.site.id === site);
  if (!expanded) throw new Error(`site [${site}] is not in ${fleet}`);
  return siteBootstrapNodes(expanded).map((n) => {
    const mgmt = n.interfaces.find((i) => i.address === n.inBandIp);
    if (!mgmt) throw new Error(`node [${n.hostname}] has no interface with its in-band address ${n.inBandIp}`);
    return { hostname: n.hostname, address: n.inBandIp, prefix: mgmt.prefix };
  });
}

/** The last host address of `address/prefix` (IPv4): this machine's address on the nodes' network. */
export function lastHostAddress(address: string, prefix: number): string {
  const n = address.split(".").reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - prefix);
  const last = Math.floor(n / size) * size + size - 2;
  return [24, 16, 8, 0].map((s) => Math.floor(last / 2 ** s) % 256).join(".");
}

function pidOf(dir: string, i: number): number | undefined {
  const file = join(dir, `sshd-${i}.pid`);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  // Ours only: an sshd started with this directory's configuration.
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
  return cmdline.includes(join(dir, `sshd-${i}.conf`)) ? pid : undefined;
}

function namespaces(): string[] {
  return spawnSync("ip", ["netns", "list"], { encoding: "utf8" })
    .stdout.split("\n")
    .map((l) => l.split(/\s+/)[0]!)
    .filter((n) => n.startsWith("gflab-"));
}

/** Whether every node's sshd runs in its namespace. */
function running(dir: string, nodes: readonly LabNode[]): boolean {
  const ns = new Set(namespaces());
  return nodes.every((n, i) => ns.has(labNamespace(n.hostname)) && pidOf(dir, i) !== undefined);
}

/** Stops the sshds of `dir` by PID and deletes every lab namespace and the bridge; returns how many sshds it stopped. */
async function teardown(dir: string, nodes: readonly LabNode[]): Promise<number> {
  const pids = nodes.map((_, i) => pidOf(dir, i)).filter((p): p is number => p !== undefined);
  for (const pid of pids) process.kill(pid, "SIGTERM");
  for (let t = 0; t < 100 && pids.some((p) => existsSync(`/proc/${p}`)); t++) await sleep(50);
  for (const ns of namespaces()) spawnSync("ip", ["netns", "del", ns]);
  spawnSync("ip", ["link", "del", LAB_BRIDGE], { stdio: "ignore" });
  return pids.length;
}

/** Starts one node: namespace, veth, address, and its sshd (daemonised) with the disk mounted. */
function startNode(dir: string, node: LabNode, i: number, mountAt: string): void {
  const ns = labNamespace(node.hostname);
  sh("ip", ["netns", "add", ns]);
  sh("ip", ["link", "add", `gflab${i}`, "type", "veth", "peer", "name", "eth0", "netns", ns]);
  sh("ip", ["link", "set", `gflab${i}`, "master", LAB_BRIDGE, "up"]);
  sh("ip", ["-n", ns, "addr", "add", `${node.address}/${node.prefix}`, "dev", "eth0"]);
  sh("ip", ["-n", ns, "link", "set", "eth0", "up"]);
  sh("ip", ["-n", ns, "link", "set", "lo", "up"]);
  if (!existsSync(join(dir, `host-${i}`))) sh("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", join(dir, `host-${i}`)]);
  writeFileSync(join(dir, `sshd-${i}.conf`), SSHD_CONFIG(node.address, dir, i));
  const disk = labNodeDisk(dir, node.hostname);
  mkdirSync(disk, { recursive: true });
  // `ip netns exec` gives the shell a mount namespace of its own (a slave of this machine's): the
  // mounts stay inside the node, and the daemonised sshd and its sessions keep them.
  const script = 'mount -t tmpfs -o mode=0755 gflab "$1" && mkdir -p "$2" && mount --bind "$3" "$2" && exec /usr/sbin/sshd -f "$4" -E "$5"';
  sh("ip", ["netns", "exec", ns, "sh", "-c", script, "sh", dirname(mountAt), mountAt, disk, join(dir, `sshd-${i}.conf`), join(dir, `sshd-${i}.log`)]);
}

/** Starts the lab's nodes, or keeps them when they all run; returns whether it started them. */
export async function startLabNodes(dir: string, nodes: readonly LabNode[], authorizedKey: string, mountAt: string): Promise<boolean> {
  const missing = sshLabMissing();
  if (missing) throw new Error(`cannot run the lab's SSH nodes: ${missing}`);
  if (!mountAt.startsWith("/") || dirname(mountAt) === "/") throw new Error(`--mount-at should be an absolute path below a directory (got "${mountAt}")`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  copyFileSync(authorizedKey, join(dir, "authorized_keys"));
  if (running(dir, nodes)) return false;
  await teardown(dir, nodes);
  try {
    mkdirSync("/run/sshd", { recursive: true });
    sh("ip", ["link", "add", LAB_BRIDGE, "type", "bridge"]);
    sh("ip", ["addr", "add", `${lastHostAddress(nodes[0]!.address, nodes[0]!.prefix)}/${nodes[0]!.prefix}`, "dev", LAB_BRIDGE]);
    sh("ip", ["link", "set", LAB_BRIDGE, "up"]);
    for (const [i, node] of nodes.entries()) startNode(dir, node, i, mountAt);
    for (const [i, node] of nodes.entries()) {
      await listening(node.address, 22).catch((e: Error) => {
        const log = join(dir, `sshd-${i}.log`);
        throw new Error(`${e.message}: ${existsSync(log) ? readFileSync(log, "utf8").trim() : "(no log)"}`);
      });
    }
    return true;
  } catch (e) {
    await teardown(dir, nodes);
    throw e;
  }
}

/** Whether each node's sshd answers. */
export async function labNodeStatus(dir: string, nodes: readonly LabNode[]): Promise<{ node: LabNode; up: boolean }[]> {
  const ns = new Set(namespaces());
  return Promise.all(
    nodes.map(async (node, i) => ({
      node,
      up:
        ns.has(labNamespace(node.hostname)) &&
        pidOf(dir, i) !== undefined &&
        (await listening(node.address, 22, 1).then(
          () => true,
          () => false,
        )),
    })),
  );
}

/** Stops the nodes and removes their state (host keys, disks); returns how many sshds it stopped. */
export async function stopLabNodes(dir: string, nodes: readonly LabNode[]): Promise<number> {
  const n = await teardown(dir, nodes);
  rmSync(dir, { recursive: true, force: true });
  return n;
}

function labNodesCommand(): Command {
  const program = new Command("lab-nodes").description("the lab's nodes: network namespaces with a real sshd and a disk each");
  const common = (c: Command) =>
    c
      .option("--dir <dir>", "host keys, sshd configuration, PID files, logs and the nodes' disks", LAB_NODES_DIR)
      .option("--fleet <dir>", "the inventory", "inventory/fleets/lab")
      .option("--site <id>", "the site whose nodes to run", "lab-1");
  common(program.command("check").description("exit 3 with the reason when the nodes cannot run here (root, ip, sshd, ssh)")).action(() => {
    const missing = sshLabMissing();
    if (missing) {
      console.log(missing);
      process.exitCode = 3;
    }
  });
  common(program.command("start").description("start (or keep) the nodes; wait until each sshd answers"))
    .requiredOption("--authorized-key <file>", "the public key allowed to log in as root")
    .requiredOption("--mount-at <path>", "where each node's disk is mounted inside the node (tools/lab.sh: the stack's osBootstrapRoot)")
    .action(async (o: { dir: string; fleet: string; site: string; authorizedKey: string; mountAt: string }) => {
      const nodes = labNodes(o.fleet, o.site);
      const started = await startLabNodes(resolve(o.dir), nodes, resolve(o.authorizedKey), o.mountAt);
      console.log(`${started ? "started" : "already running"}: ${nodes.length} SSH nodes, each disk at ${o.mountAt} inside the node`);
    });
  common(program.command("status").description("the nodes and whether their sshd answers")).action(async (o: { dir: string; fleet: string; site: string }) => {
    for (const { node, up } of await labNodeStatus(resolve(o.dir), labNodes(o.fleet, o.site)))
      console.log(`${node.hostname}  ${node.address}  ${labNamespace(node.hostname)}  ${up ? "up" : "down"}`);
  });
  common(program.command("stop").description("stop the sshds, delete the namespaces, the bridge and the nodes' disks")).action(
    async (o: { dir: string; fleet: string; site: string }) => {
      const n = await stopLabNodes(resolve(o.dir), labNodes(o.fleet, o.site));
      console.log(n === 0 ? "no SSH nodes were running" : `stopped ${n} SSH nodes`);
    },
  );
  return program;
}

if (require.main === module) {
  labNodesCommand()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      console.error(`error: ${(e as Error).message}`);
      process.exitCode = 1;
    });
}
