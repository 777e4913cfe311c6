/**
 * A real OpenSSH server for end-to-end tests: Debian's /usr/sbin/sshd on 127.0.0.1 and a free
 * port, with a temporary ed25519 host key, authorized_keys and sshd_config, in the foreground
 * (`-D -e`). Its commands run as root on this machine. Stop it with {@link Sshd.stop}.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SSHD = "/usr/sbin/sshd";

/** A running sshd and the keys to reach it. */
export interface Sshd {
  readonly port: number;
  /** The host's public key, authorized_keys format (what `connection.hostKey` pins). */
  readonly hostKey: string;
  /** The client's private key (OpenSSH format) that authorized_keys accepts, for root. */
  readonly clientKey: string;
  /** Everything sshd wrote to stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (free when this returns). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the port answers with an SSH banner. */
function banner(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(5000, () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
    socket.once("data", (d) => (socket.destroy(), resolve(d.toString().startsWith("SSH-"))));
  });
}

function keygen(path: string): void {
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "e2e", "-f", path]);
}

function sshdConfig(dir: string, port: number): string {
  return [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${join(dir, "host")}`,
    `AuthorizedKeysFile ${join(dir, "client.pub")}`,
    `PidFile ${join(dir, "sshd.pid")}`,
    "StrictModes no",
    "PermitRootLogin prohibit-password",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    "Subsystem sftp internal-sftp",
    "LogLevel VERBOSE",
    "",
  ].join("\n");
}

async function waitReady(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${log()}`);
    if (await banner(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not answer on port ${port}: ${log()}`);
}

/** Starts sshd; the caller stops it. */
export async function startSshd(): Promise<Sshd> {
  mkdirSync("/run/sshd", { recursive: true }); // Debian's privilege separation directory
  const dir = mkdtempSync(join(tmpdir(), "gf-e2e-sshd-"));
  keygen(join(dir, "host"));
  keygen(join(dir, "client"));
  const port = await freePort();
  writeFileSync(join(dir, "sshd_config"), sshdConfig(dir, port), { mode: 0o600 });
  const child = spawn(SSHD, ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const log = (): string => stderr;
  await waitReady(port, child, log);
  return {
    port,
    hostKey: readFileSync(join(dir, "host.pub"), "utf8").trim(),
    clientKey: readFileSync(join(dir, "client"), "utf8"),
    log,
    stop: () =>
      new Promise((resolve) => {
        const done = (): void => (rmSync(dir, { recursive: true, force: true }), resolve());
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGKILL");
      }),
  };
}
