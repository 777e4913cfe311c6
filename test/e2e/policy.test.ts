/**
 * A site outside the EU under the real engine: kef-1 of inventory/fleets/iceland-legacy (Iceland
 * is EEA, not EU). Twice, because the program and the pack each refuse it on their own:
 * - the real program (stack `kef-1-physical-site`) stops in its preflight gate before it registers
 *   a single resource, so the pack has nothing to judge;
 * - a fixture program without the gate (test/e2e/fixtures/ungated-site) registers the site, and the
 *   policy pack refuses it with a mandatory `eu-jurisdiction` violation.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pulumi, ROOT, type Run } from "./engine";

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

  it("the program refuses kef-1 in its preflight gate, naming eu-jurisdiction", () => {
    createStack("kef-1-physical-site");
    const r = pulumi(["preview", "--stack", "kef-1-physical-site", "--policy-pack", POLICIES]);
    assert.equal(r.status, 1, r.output);
    const out = lines(r);
    assert.ok(out.includes("    PreflightError: preflight refused site [kef-1]: 2 mandatory policy violations"), r.output);
    assert.ok(out.includes(`      [eu-jurisdiction] ${EU_MESSAGE} (inventory/fleets/iceland-legacy/sites/kef-1.yaml:3:10)`), r.output);
    assert.ok(out.includes(`      [data-residency] ${RESIDENCY_MESSAGE} (inventory/fleets/iceland-legacy/sites/kef-1.yaml:74:16)`), r.output);
    // Nothing was registered but the stack itself, so nothing is left for the pack to judge.
    assert.doesNotMatch(r.stdout, /gigafactory:site:Site/);
  });

  it("the policy pack refuses kef-1 with a mandatory eu-jurisdiction violation when the program lets it through", () => {
    const fixture = join(ROOT, "test", "e2e", "fixtures", "ungated-site");
    createStack("kef-1", fixture);
    const r = pulumi(["preview", "--stack", "kef-1", "--policy-pack", POLICIES], { cwd: fixture });
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
});
