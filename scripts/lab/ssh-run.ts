/**
 * Runs a node's bootstrap over SSH with the OpenSSH client, as `command:remote:CopyToRemote` and
 * `command:remote:Command` do: copy the script to the node (SFTP), then run it with the join
 * secrets on stdin. The host key is checked against a known_hosts file, never accepted blindly.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bootstrapScriptPath } from "../../model/baremetal/bootstrap/defaults";
import { shellLine } from "../../model/baremetal/bootstrap/shell";

/** Where and how to reach a node. */
export interface SshTarget {
  readonly address: string;
  readonly user: string;
  readonly privateKeyFile: string;
  readonly knownHostsFile: string;
}

/** What a command printed. */
export interface SshResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function options(target: SshTarget): string[] {
  return [
    "-i",
    target.privateKeyFile,
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    `UserKnownHostsFile=${target.knownHostsFile}`,
    "-o",
    "GlobalKnownHostsFile=/dev/null",
    "-o",
    "ConnectTimeout=10",
    "-o",
    "LogLevel=ERROR",
  ];
}

function run(cmd: string, args: readonly string[], stdin: string): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs `command` on the node with `stdin`. */
export function sshRun(target: SshTarget, command: string, stdin = ""): Promise<SshResult> {
  return run("ssh", [...options(target), `${target.user}@${target.address}`, command], stdin);
}

/** Copies `content` to `remotePath` on the node (its directory made first), like CopyToRemote of a StringAsset: scp over SFTP. */
export async function sshCopy(target: SshTarget, content: string, remotePath: string): Promise<void> {
  const dir = remotePath.slice(0, remotePath.lastIndexOf("/")) || "/";
  const made = await sshRun(target, shellLine(["mkdir", "-p", dir]));
  if (made.code !== 0) throw new Error(`mkdir ${dir} on ${target.address} failed: ${made.stderr.trim()}`);
  const local = mkdtempSync(join(tmpdir(), "gf-ssh-copy-"));
  try {
    writeFileSync(join(local, "payload"), content);
    const copy = await run("scp", ["-q", "-s", ...options(target), join(local, "payload"), `${target.user}@${target.address}:${remotePath}`], "");
    if (copy.code !== 0) throw new Error(`copy to ${target.address}:${remotePath} failed: ${copy.stderr.trim()}`);
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
}

/** Copies the script and runs it in `mode` under `root`, the join secrets (if any) on stdin. */
export async function bootstrapOverSsh(target: SshTarget, script: string, mode: "render" | "apply", root: string, stdin = ""): Promise<SshResult> {
  const path = bootstrapScriptPath(root);
  await sshCopy(target, script, path);
  return sshRun(target, shellLine(["sh", path, "--mode", mode, "--root", root]), stdin);
}
