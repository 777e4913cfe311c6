/**
 * The sample fleet's stacks as an operator runs them, each command as the README gives it, in a
 * second checkout of this working tree (so that what Pulumi writes into `stacks/` stays there):
 * - no stack but the lab's runs with the lab's published passphrase, or with none;
 * - the first preview of a stack: `stack init`, then `preview` with the policy pack;
 * - BMC credentials set as secrets land encrypted in the stack file, readable only with the
 *   operator's passphrase, or with a KMS (Vault transit, played by `fake-vault.ts`), and
 *   `gigafactory stacks --check` still passes;
 * - a bare-metal preview without its BMC secrets stops with the project's one-line message before
 *   the program builds anything.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, run, secondCheckout, type Run, type RunOptions } from "./engine";

const PASSPHRASE_VARS = ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"];

/** Fails with the process's output when it did not exit with `status`. */
function assertExit(r: Run, status: number, what: string): void {
  assert.equal(r.status, status, `${what} exited with ${r.status}, expected ${status}:\n${r.output}`);
}

describe("the sample fleet's stacks, as an operator runs them", function () {
  this.timeout(300_000);
  this.bail(true);

  let checkout: string;
  let passphraseFile: string;
  /** The BMC password the passphrase test sets on riga-1-baremetal-h1-b0, which the KMS test moves to Vault. */
  let h1b0Password = "";

  before(() => {
    checkout = secondCheckout();
    passphraseFile = join(checkout, ".operator-passphrase");
    writeFileSync(passphraseFile, `${randomBytes(24).toString("base64")}\n`, { mode: 0o600 });
  });
  after(() => rmSync(checkout, { recursive: true, force: true }));

  /** `npm run <script> -- args` in the second checkout, as the operator: their own passphrase file, not the lab's passphrase. */
  const npm = (script: string, args: readonly string[], options: RunOptions = {}) =>
    run("npm", ["run", script, "--", ...args], {
      cwd: checkout,
      unset: ["PULUMI_CONFIG_PASSPHRASE"],
      ...options,
      env: { PULUMI_CONFIG_PASSPHRASE_FILE: passphraseFile, ...options.env },
    });
  const npx = (args: readonly string[]) => run("npx", ["gigafactory", ...args], { cwd: checkout });
  const stackFile = (stack: string) => readFileSync(join(checkout, "stacks", `Pulumi.${stack}.yaml`), "utf8");

  it("refuses a stack without the operator's own passphrase, and with the lab's published one", () => {
    const none = npm("pulumi", ["preview", "--stack", "riga-1-physical-site"], { unset: PASSPHRASE_VARS });
    assertExit(none, 2, "preview without a passphrase");
    assert.ok(
      none.stderr.includes(
        'pulumi: stack riga-1-physical-site keeps its secrets with a passphrase, and none is set: export PULUMI_CONFIG_PASSPHRASE_FILE (or PULUMI_CONFIG_PASSPHRASE) with your own, or give the stack a KMS with --secrets-provider (README, "Secrets")',
      ),
      none.output,
    );
    const lab = npm("pulumi", ["preview", "--stack", "riga-1-physical-site"], {
      env: { PULUMI_CONFIG_PASSPHRASE: "gigafactory-lab" },
      unset: ["PULUMI_CONFIG_PASSPHRASE_FILE"],
    });
    assertExit(lab, 2, "preview with the lab's passphrase");
    assert.match(lab.stderr, /^pulumi: stack riga-1-physical-site would be encrypted with the lab's published passphrase, which protects nothing: /m);
  });

  it("previews a stack the first time as the README says: stack init, then preview with the policy pack", () => {
    assertExit(npm("pulumi", ["stack", "init", "--stack", "riga-1-physical-site", "--no-select"]), 0, "stack init");
    const preview = npm("pulumi", ["preview", "--stack", "riga-1-physical-site", "--policy-pack", "policies"]);
    assertExit(preview, 0, "preview");
    assert.match(preview.stdout, /^\s+✅ gigafactory@v0\.1\.0 \(local: .*policies\)$/m);
    assert.match(preview.stdout, /^\s+\+ \d+ to create$/m);
    // Pulumi wrote the operator's salt into the stack file; the stacks are still up to date.
    assert.match(stackFile("riga-1-physical-site"), /^encryptionsalt: v1:/m);
    const check = npx(["stacks", "--check"]);
    assertExit(check, 0, "gigafactory stacks --check");
    assert.match(check.stdout, /^\d+ stacks up to date$/m);
  });

  it("keeps BMC credentials encrypted in the stack file, readable only with the operator's passphrase; stacks --check passes", () => {
    const stack = "riga-1-baremetal-h1-b0";
    const password = `bmc-${randomBytes(12).toString("hex")}`;
    h1b0Password = password;
    assertExit(npm("pulumi", ["stack", "init", "--stack", stack, "--no-select", "--secrets-provider", "passphrase"]), 0, "stack init");
    assertExit(
      npm("pulumi", ["config", "set", "--secret", "--path", "--stack", stack, "gigafactory:bmcCredentials.riga-1-bmc.username"], { input: "ops-admin" }),
      0,
      "config set --secret --path bmcCredentials.riga-1-bmc.username",
    );
    assertExit(
      npm("pulumi", ["config", "set", "--secret", "--path", "--stack", stack, "gigafactory:bmcCredentials.riga-1-bmc.password"], { input: password }),
      0,
      "config set --secret --path bmcCredentials.riga-1-bmc.password",
    );
    const file = stackFile(stack);
    assert.match(file, /gigafactory:bmcCredentials:\n\s+riga-1-bmc:\n/);
    assert.match(file, /\n\s+password:\n\s+secure: v1:/);
    assert.match(file, /\n\s+username:\n\s+secure: v1:/);
    assert.ok(!file.includes(password) && !file.includes("ops-admin"), "no credential in plaintext in the stack file");
    // Without the passphrase, nothing prints them; with it, the operator reads them back.
    assertExit(
      npm("pulumi", ["config", "get", "--path", "--stack", stack, "gigafactory:bmcCredentials.riga-1-bmc.password"], { unset: PASSPHRASE_VARS }),
      2,
      "config get without a passphrase",
    );
    const get = npm("pulumi", ["config", "get", "--path", "--stack", stack, "gigafactory:bmcCredentials.riga-1-bmc.password"]);
    assertExit(get, 0, "config get");
    assert.equal(get.stdout.trim().split("\n").at(-1), password);
    assertExit(npx(["stacks", "--check"]), 0, "gigafactory stacks --check");
    assert.match(npx(["stacks"]).stdout, /^\d+ stacks: 0 written, 0 removed$/m);
    assert.equal(stackFile(stack), file, "regenerating leaves the environment's file as it is");
  });

  it("keeps BMC credentials with a KMS (Vault transit), from stack init or moved there: no passphrase, the key and its ciphertext in the stack file", async () => {
    const token = randomBytes(16).toString("hex");
    const vault = await startFakeVault(token);
    try {
      const stack = "riga-1-baremetal-h2-b0";
      const password = `bmc-${randomBytes(12).toString("hex")}`;
      const withVault: RunOptions = { env: { VAULT_ADDR: vault.url, VAULT_TOKEN: token }, unset: PASSPHRASE_VARS };
      assertExit(
        npm("pulumi", ["stack", "init", "--stack", stack, "--no-select", "--secrets-provider", "hashivault://gigafactory-riga"], withVault),
        0,
        "stack init with Vault",
      );
      assertExit(
        npm("pulumi", ["config", "set", "--secret", "--path", "--stack", stack, "gigafactory:bmcCredentials.riga-1-bmc.password"], {
          ...withVault,
          input: password,
        }),
        0,
        "config set --secret with Vault",
      );
      const file = stackFile(stack);
      assert.match(file, /^secretsprovider: hashivault:\/\/gigafactory-riga$/m);
      assert.match(file, /^encryptedkey: \S+$/m);
      assert.doesNotMatch(file, /encryptionsalt/);
      assert.ok(!file.includes(password), "no credential in plaintext in the stack file");
      const get = npm("pulumi", ["config", "get", "--path", "--stack", stack, "gigafactory:bmcCredentials.riga-1-bmc.password"], withVault);
      assertExit(get, 0, "config get with Vault");
      assert.equal(get.stdout.trim().split("\n").at(-1), password);
      const denied = npm("pulumi", ["config", "get", "--path", "--stack", stack, "gigafactory:bmcCredentials.riga-1-bmc.password"], {
        ...withVault,
        env: { VAULT_ADDR: vault.url, VAULT_TOKEN: "not-the-token" },
      });
      assert.notEqual(denied.status, 0, `config get with a wrong Vault token should fail:\n${denied.output}`);
      assert.ok(!denied.output.includes(password));
      assertExit(npx(["stacks", "--check"]), 0, "gigafactory stacks --check");
      // A stack that began with a passphrase moves to the KMS; its secrets then need only Vault.
      const moved = "riga-1-baremetal-h1-b0";
      const change = npm("pulumi", ["stack", "change-secrets-provider", "--stack", moved, "hashivault://gigafactory-riga"], {
        env: { VAULT_ADDR: vault.url, VAULT_TOKEN: token },
      });
      assertExit(change, 0, "stack change-secrets-provider");
      assert.match(stackFile(moved), /^secretsprovider: hashivault:\/\/gigafactory-riga$/m);
      assert.doesNotMatch(stackFile(moved), /encryptionsalt/);
      const after = npm("pulumi", ["config", "get", "--path", "--stack", moved, "gigafactory:bmcCredentials.riga-1-bmc.password"], withVault);
      assertExit(after, 0, "config get after the move, with Vault and no passphrase");
      assert.equal(after.stdout.trim().split("\n").at(-1), h1b0Password);
      assertExit(npx(["stacks", "--check"]), 0, "gigafactory stacks --check after the move");
    } finally {
      vault.stop();
    }
  });

  it("stops a bare-metal preview without its BMC secrets with the project's one-line message, before building anything", () => {
    const stack = "riga-1-baremetal-h1-b1";
    assertExit(npm("pulumi", ["stack", "init", "--stack", stack, "--no-select"]), 0, "stack init");
    const preview = npm("pulumi", ["preview", "--stack", stack]);
    assert.notEqual(preview.status, 0, preview.output);
    const message = `stack ${stack} (layer baremetal) is missing gigafactory:bmcCredentials; set each as a secret with \`npm run pulumi -- config set --secret --stack ${stack} <key>\` (it asks for the value); for the BMCs, \`npm run pulumi -- config set --secret --path --stack ${stack} 'gigafactory:bmcCredentials.<reference>.username'\` and the same for 'gigafactory:bmcCredentials.<reference>.password'`;
    assert.ok(
      preview.output.split("\n").some((l) => l.trim() === `error: ${message}`),
      preview.output,
    );
    assert.doesNotMatch(preview.output, /StackConfigError|at build|Running program .* failed/, "the message alone, no stack trace");
    assert.doesNotMatch(preview.stdout, /command:local:Command|gigafactory:baremetal|gigafactory-baremetal|gigafactory:site:Site/, "nothing was registered");
  });
});

/** Starts `fake-vault.ts` in a process of its own; resolves with its address once it listens. */
function startFakeVault(token: string): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, ["--require", "tsx/cjs", join(__dirname, "fake-vault.ts")], {
    cwd: ROOT,
    env: { ...process.env, FAKE_VAULT_TOKEN: token },
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("fake Vault did not start in 30 s")), 30_000);
    child.on("exit", (code) => reject(new Error(`fake Vault exited with ${code}`)));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (line) {
        clearTimeout(timer);
        resolve({ url: line[1]!, stop: () => child.stdin!.end() });
      }
    });
  });
}
