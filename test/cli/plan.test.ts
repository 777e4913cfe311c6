/**
 * `gigafactory plan` on the minimal fleet: the programs run in worker processes (hence
 * `@executable`), the output is stable, `--since` and `--baseline` plan only what a change touches,
 * and the exit codes follow `cli/exit-codes.ts`. Every example of `plan --help` is run.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/index";
import { plan, type PlanJson } from "../../cli/plan";
import { cleanFleets, copyFleet, edit, ICELAND_FLEET, MINIMAL_FLEET } from "../helpers/fleet-fixture";
import { gigafactory, ROOT } from "../helpers/gigafactory";
import { helpExamples, readmeCommands } from "../helpers/printed-commands";

const base = { jobs: 2, format: "text" } as const;

/** A git repository holding a copy of the minimal fleet, committed. */
function repoWithFleet(): { repo: string; fleet: string } {
  const repo = mkdtempSync(join(tmpdir(), "gigafactory-plan-repo-"));
  const fleet = join(repo, "fleet");
  cpSync(MINIMAL_FLEET, fleet, { recursive: true });
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], { cwd: repo, stdio: "pipe" });
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "fleet");
  return { repo, fleet };
}

describe("gigafactory plan @executable", function () {
  this.timeout(240_000);
  const made: string[] = [];
  after(() => {
    cleanFleets();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it("plans every stack of the minimal fleet under the policy pack, the same bytes twice", async () => {
    const first = await plan({ ...base, inventory: MINIMAL_FLEET });
    const second = await plan({ ...base, inventory: MINIMAL_FLEET, jobs: 1 });
    assert.equal(first.exitCode, 0, first.stderr);
    assert.equal(first.stdout, second.stdout);
    assert.match(first.stdout, /^plan of fleet .+: 5 stacks, \d+ resources$/m);
    assert.match(first.stdout, /^ {2}tst-1-baremetal-h1-b0: \d+ resources; 32 GPUs, IT [\d,.]+ kW, facility [\d,.]+ kW$/m);
    assert.match(first.stdout, /^ {4}BareMetalHost 4, BareMetalNode 4, Site 1$/m);
    assert.match(first.stdout, /^0 mandatory findings, 0 advisory findings$/m);
    const markdown = await plan({ ...base, inventory: MINIMAL_FLEET, format: "markdown" });
    assert.match(markdown.stdout, /^\| tst-1 \| LV \| 32 \| 42 \| 50\.4 \| 5 \|$/m);
    assert.match(markdown.stdout, /```mermaid\nxychart-beta\n {2}title "GPUs per site"\n {2}x-axis \["tst-1"\]\n {2}y-axis "GPUs"\n {2}bar \[32\]\n```/);
  });

  it("names every resource of every stack by type and name in JSON, and writes the same JSON with --out", async () => {
    const r = await plan({ ...base, inventory: MINIMAL_FLEET, format: "json" });
    const json = JSON.parse(r.stdout) as PlanJson;
    assert.deepEqual(
      json.stacks.map((s) => s.stack),
      ["tst-1-physical-site", "tst-1-physical-fabric-b0", "tst-1-physical-h1-b0", "tst-1-baremetal-h1-b0", "tst-1-kubernetes-site"],
    );
    const bareMetal = json.stacks.find((s) => s.layer === "baremetal")!;
    assert.deepEqual(
      bareMetal.resources.filter((x) => x.type === "gigafactory:baremetal:BareMetalNode").map((x) => [x.name, x.effects]),
      ["tst-1-h1-r001-n01", "tst-1-h1-r001-n02", "tst-1-h1-r002-n01", "tst-1-h1-r002-n02"].map((n) => [n, { servers: 1 }]),
    );
    assert.equal(json.changes, undefined);
    const dir = mkdtempSync(join(tmpdir(), "gigafactory-plan-out-"));
    made.push(dir);
    const written = await plan({ ...base, inventory: MINIMAL_FLEET, format: "json", out: join(dir, "plan.json") });
    assert.equal(written.stdout, `5 stacks planned; json plan written to ${join(dir, "plan.json")}\n`);
    assert.equal(readFileSync(join(dir, "plan.json"), "utf8"), r.stdout);
  });

  it("--since plans only the stacks an appended rack touches, and names the servers it powers on", async () => {
    const { repo, fleet } = repoWithFleet();
    made.push(repo);
    edit(fleet, "sites/tst-1.yaml", "{ type: hgx2, from: 1, count: 2 }", "{ type: hgx2, from: 1, count: 3 }");
    const r = await plan({ ...base, inventory: fleet, since: "HEAD", format: "json" });
    assert.equal(r.exitCode, 0, r.stderr);
    const { changes } = JSON.parse(r.stdout) as PlanJson;
    assert.ok(changes);
    assert.deepEqual(changes.removed, []);
    assert.ok(changes.stacks.untouched < 5);
    const servers = changes.added.filter((c) => c.type === "gigafactory:baremetal:BareMetalNode").map((c) => c.name);
    assert.deepEqual(servers, ["tst-1-h1-r003-n01", "tst-1-h1-r003-n02"]);
    assert.ok(changes.added.some((c) => c.type === "gigafactory:site:Rack" && c.name.endsWith("r003")));
    const text = await plan({ ...base, inventory: fleet, since: "HEAD" });
    assert.match(text.stdout, /^ {2}physical effects: 2 servers powered on, 1 rack installed/m);
    const markdown = await plan({ ...base, inventory: fleet, since: "HEAD", format: "markdown" });
    assert.match(
      markdown.stdout,
      /```mermaid\nxychart-beta\n {2}title "GPUs per site"\n {2}x-axis \["tst-1 before", "tst-1 after"\]\n {2}y-axis "GPUs"\n {2}bar \[32, 48\]\n```/,
    );
  });

  it("--baseline plans nothing when nothing changed, and only the changed stacks after a change", async () => {
    const dir = copyFleet();
    const baseline = join(dir, "..", `${dir.split("/").pop()}-plan.json`);
    made.push(baseline);
    writeFileSync(baseline, (await plan({ ...base, inventory: dir, format: "json" })).stdout);
    const same = JSON.parse((await plan({ ...base, inventory: dir, baseline, format: "json" })).stdout) as PlanJson;
    assert.deepEqual(same.stacks, []);
    assert.equal(same.changes?.stacks.untouched, 5);
    edit(dir, "sites/tst-1.yaml", "gpuQuota: 8,", "gpuQuota: 4,");
    const changed = JSON.parse((await plan({ ...base, inventory: dir, baseline, format: "json" })).stdout) as PlanJson;
    assert.deepEqual(
      changed.stacks.map((s) => s.stack),
      ["tst-1-physical-site", "tst-1-kubernetes-site"],
    );
    assert.deepEqual(
      changed.changes?.changed.map((c) => `${c.type} ${c.name}`),
      ["kubernetes:core/v1:ResourceQuota tst-1-acme-tenant-quota"],
    );
    assert.equal(changed.changes?.onlyAdds, false);
  });

  it("exits 1 with the pack's findings on a site outside the EU, 1 on an invalid inventory", async () => {
    const refused = await plan({ ...base, inventory: ICELAND_FLEET });
    assert.equal(refused.exitCode, 1);
    assert.match(refused.stdout, /mandatory \[eu-jurisdiction\] gigafactory:site:Site kef-1: site \[kef-1\] should be inside EU jurisdiction/);
    const invalid = await plan({ ...base, inventory: copyFleet() + "/sites" });
    assert.equal(invalid.exitCode, 1);
    assert.match(invalid.stderr ?? "", /invalid inventory: 1 problem; nothing planned\n$/);
  });

  it("exits 2 on usage errors: --since with --baseline, an unknown revision, a bad baseline, a bad --jobs, a glob naming nothing", async () => {
    const both = await main(["plan", "--since", "HEAD", "--baseline", "x.json"]);
    assert.equal(both.exitCode, 2);
    assert.match(both.stderr ?? "", /option '--since <git-ref>' cannot be used with option '--baseline <file>'/);
    const ref = await plan({ ...base, inventory: MINIMAL_FLEET, since: "no-such-ref" });
    assert.deepEqual([ref.exitCode, ref.stderr], [2, `error: --since no-such-ref: no such revision in ${ROOT}\n`]);
    const file = join(copyFleet(), "fleet.yaml");
    const baseline = await plan({ ...base, inventory: MINIMAL_FLEET, baseline: file });
    assert.equal(baseline.exitCode, 2);
    assert.match(baseline.stderr ?? "", /^error: --baseline .+fleet\.yaml: cannot read it as JSON/);
    assert.equal((await main(["plan", "--jobs", "0"])).exitCode, 2);
    const glob = await plan({ ...base, inventory: MINIMAL_FLEET, stack: "nope-*" });
    assert.deepEqual([glob.exitCode, glob.stderr], [2, "error: --stack nope-* names no stack of fleet minimal\n"]);
  });

  it("runs every example of `plan --help` and of the README from a scratch directory", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "gigafactory-plan-examples-"));
    made.push(cwd);
    const readme = readmeCommands().filter((c) => c.words[1] === "gigafactory" && c.words[2] === "plan" && !c.text.includes("["));
    const examples = [...helpExamples("plan --help", (await main(["plan", "--help"])).stdout), ...readme];
    assert.ok(examples.length >= 7);
    for (const example of examples) {
      const args = example.words.slice(2).map((w) => w.replace(/^'(.*)'$/, "$1"));
      const r = gigafactory(args, { cwd });
      assert.equal(r.status, 0, `${example.text}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /error/, example.text);
    }
  });
});
