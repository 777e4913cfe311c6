/**
 * `command.remote.CopyToRemote` and `command.remote.Command` of @pulumi/command through our engine
 * and our command provider, against a real sshd on loopback: a tiny program copies a file and runs
 * a command that reads it, twice (the second run changes nothing), then is destroyed (the delete
 * command runs). The Command pins the host key (`connection.hostKey`); the copy trusts it on first
 * use and records it in its state.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pulumi, ROOT, type Run } from "./engine";
import { startSshd, type Sshd } from "./sshd";

const STACK = "remote-e2e";

/** The program: plain JavaScript, so it needs no compiler setup of its own. */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const command = require("@pulumi/command");
const cfg = new pulumi.Config();
const remoteDir = cfg.require("remoteDir");
const base = { host: "127.0.0.1", port: cfg.requireNumber("port"), user: "root", privateKey: cfg.requireSecret("privateKey") };
const copy = new command.remote.CopyToRemote("node-conf", {
  connection: base,
  source: new pulumi.asset.FileAsset("node.conf"),
  remotePath: remoteDir + "/etc/node.conf",
});
const cmd = new command.remote.Command("apply", {
  connection: { ...base, hostKey: cfg.require("hostKey") },
  create: "cat " + remoteDir + "/etc/node.conf; touch " + remoteDir + "/applied",
  delete: "rm " + remoteDir + "/applied",
}, { dependsOn: [copy] });
exports.stdout = cmd.stdout;
`;

/** A project folder for the program, using this checkout's node_modules. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "gf-e2e-remote-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: remote-e2e\nruntime: nodejs\nmain: index.js\n");
  writeFileSync(join(dir, "index.js"), PROGRAM);
  writeFileSync(join(dir, "node.conf"), "hostname=lab-node-1");
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

function ok(r: Run, what: string): Run {
  assert.equal(r.status, 0, `${what}:\n${r.output}`);
  return r;
}

describe("command.remote through the real engine against sshd @peers @executable", function () {
  this.timeout(300_000);
  let sshd: Sshd;
  let dir: string;
  let remoteDir: string;

  before(async () => {
    sshd = await startSshd();
    dir = project();
    remoteDir = mkdtempSync(join(tmpdir(), "gf-e2e-remote-target-"));
    ok(pulumi(["stack", "init", STACK], { cwd: dir }), "stack init");
    for (const [key, value] of [
      ["port", String(sshd.port)],
      ["remoteDir", remoteDir],
      ["hostKey", sshd.hostKey],
    ]) {
      ok(pulumi(["config", "set", key!, value!], { cwd: dir }), `config set ${key}`);
    }
    ok(pulumi(["config", "set", "--secret", "privateKey"], { cwd: dir, input: sshd.clientKey }), "config set privateKey");
  });

  after(async () => {
    pulumi(["stack", "rm", "--yes", "--force", STACK], { cwd: dir });
    await sshd?.stop();
    for (const d of [dir, remoteDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("copies the file and runs the command over SSH", () => {
    const up = ok(pulumi(["up", "--yes", "--skip-preview"], { cwd: dir }), "first up");
    assert.match(up.output, /\+ +command:remote:CopyToRemote +node-conf +created/, up.output);
    assert.match(up.output, /\+ +command:remote:Command +apply +created/, up.output);
    assert.equal(readFileSync(join(remoteDir, "etc", "node.conf"), "utf8"), "hostname=lab-node-1");
    assert.ok(existsSync(join(remoteDir, "applied")));
    const out = ok(pulumi(["stack", "output", "stdout"], { cwd: dir }), "stack output");
    assert.equal(out.stdout.trim(), "hostname=lab-node-1");
  });

  it("changes nothing on the second run", () => {
    const up = ok(pulumi(["up", "--yes", "--skip-preview"], { cwd: dir }), "second up");
    assert.match(up.output, /3 unchanged/, up.output);
    ok(pulumi(["preview", "--expect-no-changes"], { cwd: dir }), "preview --expect-no-changes");
  });

  it("keeps the private key a secret in the state and records the host keys", () => {
    const exported = ok(pulumi(["stack", "export"], { cwd: dir }), "stack export").stdout;
    const keyBody = sshd.clientKey.split("\n")[1]!;
    assert.ok(!exported.includes(keyBody), "the private key is in the state in plaintext");
    const resources = (JSON.parse(exported) as { deployment: { resources: { type: string; outputs?: Record<string, unknown> }[] } }).deployment.resources;
    for (const type of ["command:remote:CopyToRemote", "command:remote:Command"]) {
      const r = resources.find((x) => x.type === type);
      // The key without its comment.
      const hostKey = sshd.hostKey.split(" ").slice(0, 2).join(" ");
      assert.deepEqual(r?.outputs?.hostKeys, { [`127.0.0.1:${sshd.port}`]: hostKey }, type);
      assert.equal((r?.outputs?.connection as Record<string, unknown>)["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270");
    }
  });

  it("runs the delete command on destroy", () => {
    ok(pulumi(["destroy", "--yes", "--skip-preview"], { cwd: dir }), "destroy");
    assert.ok(!existsSync(join(remoteDir, "applied")), "the delete command did not run");
    assert.ok(existsSync(join(remoteDir, "etc", "node.conf")), "CopyToRemote leaves the copied file, as upstream");
  });
});
