/**
 * The fleet repository's GitHub workflows (.github/workflows, .github/actions) pass actionlint
 * (built by `npm run tools`, with shellcheck, which .ci/run installs, for their `run:` scripts), and
 * actionlint does catch what would break them, so this test can fail.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, run } from "./engine";

const ACTIONLINT = join(ROOT, ".tools", "ci", "bin", "actionlint");

describe("the fleet's GitHub workflows", () => {
  it("pass actionlint", () => {
    const r = run(ACTIONLINT, ["-color=false"], { timeoutMs: 60_000 });
    assert.equal(r.status, 0, r.output);
    assert.equal(r.stdout.trim(), "");
  });

  it("would fail actionlint with an unknown input of the Pulumi action, a bad expression or an unquoted shell variable", () => {
    const copy = mkdtempSync(join(tmpdir(), "gigafactory-workflows-"));
    try {
      cpSync(join(ROOT, ".github"), join(copy, ".github"), { recursive: true });
      const file = join(copy, ".github", "workflows", "pull-request.yml");
      const text = readFileSync(file, "utf8");
      const broken = text
        .replace("policyPacks: policies", "policy-packs: policies")
        .replace("${{ fromJSON(needs.plan.outputs.stacks) }}", "${{ fromJSON(needs.plan.outputs.stack) }}")
        .replace('--out "audit-$MODE.sarif"', "--out audit-$MODE.sarif");
      assert.notEqual(broken, text);
      writeFileSync(file, broken);
      const r = run(ACTIONLINT, ["-color=false", ".github/workflows/pull-request.yml"], { cwd: copy, timeoutMs: 60_000 });
      assert.equal(r.status, 1, r.output);
      assert.match(r.stdout, /input "policy-packs" is not defined in action "pulumi\/actions@v6"/);
      assert.match(r.stdout, /property "stack" is not defined in object type \{stacks: string\}/);
      assert.match(r.stdout, /shellcheck reported issue in this script: SC2086:info:\d+:\d+: Double quote to prevent globbing and word splitting/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
