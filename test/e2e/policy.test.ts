/**
 * A site outside the EU under the real engine: kef-1 of inventory/fleets/iceland-legacy (Iceland
 * is EEA, not EU). Refused twice, by two independent guards:
 * - the policy pack, in the preview of the physical layer (which provisions nothing, so the
 *   program registers the site and its facts for the pack to judge);
 * - the program's preflight gate, in the bare-metal layer, before a single resource is registered,
 *   even when the pack is not loaded.
 */
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { backendDir, pulumi, ROOT, type Run } from "./engine";

const POLICIES = join(ROOT, "policies");
const EU_MESSAGE = "site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU";
const RESIDENCY_MESSAGE = "storage [kef-nfs] of site [kef-1] should keep replicas[0] inside EU jurisdiction; country IS is EEA but not EU";

/** Creates `stack` (its committed stack file carries the salt, so nothing in the checkout changes). */
function createStack(stack: string, cwd: string = ROOT): void {
  const r = pulumi(["stack", "init", stack, "--no-select"], { cwd });
  assert.equal(r.status, 0, r.output);
}

/** The output's lines, trimmed at the end. */
function lines(r: Run): string[] {
  return r.output.split("\n").map((l) => l.trimEnd());
}

describe("a site outside the EU under the real engine", function () {
  this.timeout(120_000);

  it("the policy pack refuses kef-1's physical stack with a mandatory eu-jurisdiction violation", () => {
    createStack("kef-1-physical-site");
    const r = pulumi(["preview", "--stack", "kef-1-physical-site", "--policy-pack", POLICIES]);
    assert.equal(r.status, 1, r.output);
    const out = lines(r);
    const pack = out.findIndex((l) => /^ {4}❌ gigafactory@v0\.1\.0 \(local: .*policies\)$/.test(l));
    assert.ok(pack >= 0, `the pack should fail:\n${r.output}`);
    const eu = out.indexOf("        - [mandatory] [severity: critical]  eu-jurisdiction  (gigafactory:site:Site: kef-1)");
    assert.ok(eu > pack, `a mandatory eu-jurisdiction violation on site kef-1 should follow:\n${r.output}`);
    assert.equal(out[eu + 2], `          ${EU_MESSAGE}`);
    assert.ok(out.includes("        - [mandatory] [severity: critical]  data-residency  (gigafactory:site:Site: kef-1)"), r.output);
    assert.ok(out.includes(`          ${RESIDENCY_MESSAGE}`), r.output);
    assert.ok(out.includes("    error: preview failed"), r.output);
  });

  it("the program's preflight gate refuses kef-1's bare-metal stack before registering anything, without the pack", () => {
    createStack("kef-1-baremetal-h1-b0");
    // The stack's BMC secrets are set (the program checks them before the gate), in a copy of its file.
    const config = join(backendDir(), "Pulumi.kef-1-baremetal-h1-b0.yaml");
    copyFileSync(join(ROOT, "stacks", "Pulumi.kef-1-baremetal-h1-b0.yaml"), config);
    for (const [key, value] of [
      ["gigafactory:bmcCredentials.default.username", "kef-admin"],
      ["gigafactory:bmcCredentials.default.password", "kef-password"],
    ]) {
      const set = pulumi(["config", "set", "--secret", "--path", "--stack", "kef-1-baremetal-h1-b0", "--config-file", config, key!], { input: value! });
      assert.equal(set.status, 0, set.output);
    }
    const r = pulumi(["preview", "--stack", "kef-1-baremetal-h1-b0", "--config-file", config]);
    assert.equal(r.status, 1, r.output);
    const out = lines(r);
    assert.ok(
      out.some((l) => l.trim() === "error: preflight refused site [kef-1]: 2 mandatory policy violations"),
      r.output,
    );
    assert.ok(
      out.some((l) => l.trim() === `[eu-jurisdiction] ${EU_MESSAGE} (inventory/fleets/iceland-legacy/sites/kef-1.yaml:3:10)`),
      r.output,
    );
    assert.ok(
      out.some((l) => l.trim() === `[data-residency] ${RESIDENCY_MESSAGE} (inventory/fleets/iceland-legacy/sites/kef-1.yaml:74:16)`),
      r.output,
    );
    assert.doesNotMatch(r.output, /PreflightError|at buildStack/, "the refusal is the gate's message, not a stack trace");
    assert.doesNotMatch(r.stdout, /command:local:Command|gigafactory:baremetal|gigafactory-baremetal|BareMetalHost/, "nothing was registered");
  });
});
