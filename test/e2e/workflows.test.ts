/**
 * The fleet repository's GitHub workflows (.github/workflows, .github/actions) pass actionlint
 * (built by `npm run tools`, with shellcheck, which .ci/run installs, for their `run:` scripts), and
 * actionlint does catch what would break them, so this test can fail.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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

/** The `npx …` lines of the workflows' `run:` blocks, with the file they are in. */
function workflowCommands(): { file: string; command: string }[] {
  const dir = join(ROOT, ".github", "workflows");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yml"))
    .flatMap((f) =>
      readFileSync(join(dir, f), "utf8")
        .split("\n")
        .map((line) => line.trim().replace(/^(- )?run: /, ""))
        .filter((line) => /^npx (gigafactory|tsx scripts\/)/.test(line))
        .map((command) => ({ file: f, command })),
    );
}

describe("the commands the fleet's workflows run @executable", function () {
  this.timeout(600_000);
  let tree: string;
  before(() => {
    // A clean checkout of this commit with git history, as actions/checkout with fetch-depth 0 gives.
    tree = join(mkdtempSync(join(tmpdir(), "gigafactory-workflow-run-")), "repo");
    execFileSync("git", ["worktree", "add", "--detach", tree, "HEAD"], { cwd: ROOT, stdio: "ignore" });
    for (const link of ["node_modules", "dist", ".tools"]) symlinkSync(join(ROOT, link), join(tree, link));
  });
  after(() => {
    execFileSync("git", ["worktree", "remove", "--force", tree], { cwd: ROOT, stdio: "ignore" });
    rmSync(dirname(tree), { recursive: true, force: true });
  });

  it("are there: plan, audit, stacks --check and the affected-stacks script", () => {
    const commands = workflowCommands().map((c) => c.command);
    for (const expected of [
      /^npx gigafactory plan --since/,
      /^npx gigafactory audit --mode/,
      /^npx gigafactory stacks --check$/,
      /^npx tsx scripts\/ci\/affected-stacks\.ts plan\.json/,
    ])
      assert.ok(
        commands.some((c) => expected.test(c)),
        `${expected} in ${commands.join("\n")}`,
      );
  });

  it("run in a checkout with the variables the workflows set (a change of nothing: the base is HEAD)", () => {
    for (const { file, command } of workflowCommands()) {
      const r = run("bash", ["-c", command.replace(/ \|\| (status=\$\?|true)$/, "")], {
        cwd: tree,
        env: { BASE_SHA: "HEAD", BEFORE: "HEAD", MODE: "eu", GITHUB_OUTPUT: join(tree, "github-output") },
        timeoutMs: 300_000,
      });
      assert.equal(r.status, 0, `${file}: ${command}\n${r.output}`);
    }
    assert.match(readFileSync(join(tree, "plan.md"), "utf8"), /^## Plan of nordic-baltic-gigafactory against --since HEAD$/m);
    const affected = run("npx", ["tsx", "scripts/ci/affected-stacks.ts", "plan.json"], { cwd: tree });
    assert.equal(affected.stdout, "stacks=[]\nphysical=[]\nkubernetes=[]\nbaremetal=[]\n", affected.output);
    assert.ok(JSON.parse(readFileSync(join(tree, "audit-eu.sarif"), "utf8")).runs.length === 1);
  });
});
