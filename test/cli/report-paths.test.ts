/**
 * Paths in every report are relative to the root of the git repository holding the inventory
 * (else to the working directory), whatever directory the command runs from: SARIF uploads and
 * editors resolve them from the repository root.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MINIMAL_FLEET } from "../helpers/fleet-fixture";
import { gigafactory, ROOT } from "../helpers/gigafactory";

const KEF = "inventory/fleets/iceland-legacy/sites/kef-1.yaml";
const SUBDIR = join(ROOT, "test", "fixtures");
const ICELAND = join("..", "..", "inventory", "fleets", "iceland-legacy");

describe("report paths @executable", () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), "gigafactory-paths-"));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("audit from a subdirectory: text, JSON, SARIF, JUnit and Markdown name files from the repository root", () => {
    const text = gigafactory(["audit", "--inventory", ICELAND], { cwd: SUBDIR });
    assert.equal(text.status, 1, text.stderr);
    assert.equal(
      text.stdout.split("\n")[0],
      `${KEF}:3:10: mandatory eu-jurisdiction: site [kef-1] should be inside EU jurisdiction; country IS is EEA but not EU`,
    );

    const json = JSON.parse(gigafactory(["audit", "--inventory", ICELAND, "--format", "json"], { cwd: SUBDIR }).stdout);
    assert.deepEqual([...new Set(json.violations.map((v: { file: string }) => v.file))], [KEF]);
    assert.deepEqual(
      json.sites.map((s: { file: string }) => s.file),
      [KEF],
    );

    const sarif = JSON.parse(gigafactory(["audit", "--inventory", ICELAND, "--format", "sarif"], { cwd: SUBDIR }).stdout);
    const uris = sarif.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    assert.ok(uris.length > 0);
    assert.deepEqual([...new Set(uris)], [KEF]);

    const junit = gigafactory(["audit", "--inventory", ICELAND, "--format", "junit"], { cwd: SUBDIR }).stdout;
    assert.deepEqual([...new Set([...junit.matchAll(/ file="([^"]*)"/g)].map((m) => m[1]))], [KEF]);

    const markdown = gigafactory(["audit", "--inventory", ICELAND, "--format", "markdown"], { cwd: SUBDIR }).stdout;
    assert.match(markdown, new RegExp(`\\| \`${KEF.replace(/\./g, "\\.")}:3\` \\|`));
    assert.ok(!markdown.includes(ROOT) && !junit.includes(ROOT) && !text.stdout.includes(ROOT));
  });

  it("validate and stacks from a subdirectory of another repository name files from that repository's root", () => {
    const repo = join(tmp, "repo");
    mkdirSync(repo);
    assert.equal(spawnSync("git", ["init", "-q", repo]).status, 0);
    const fleet = join(repo, "fleets", "broken");
    cpSync(MINIMAL_FLEET, fleet, { recursive: true });
    const site = join(fleet, "sites", "tst-1.yaml");
    writeFileSync(site, readFileSync(site, "utf8").replace("technology: wind", "technology: coal"));
    const cwd = join(fleet, "sites");
    const where = /^fleets\/broken\/sites\/tst-1\.yaml:14:19: energy\.supply\[0\]\.technology: must be one of: wind, /m;

    const text = gigafactory(["validate", "--inventory", ".."], { cwd });
    assert.equal(text.status, 1);
    assert.equal(text.stdout.split("\n")[0], "fleet in fleets/broken");
    assert.match(text.stdout, where);
    const json = JSON.parse(gigafactory(["validate", "--inventory", "..", "--format", "json"], { cwd }).stdout);
    assert.equal(json.errors[0].file, "fleets/broken/sites/tst-1.yaml");
    assert.equal(json.fleet.dir, "fleets/broken");
    const check = gigafactory(["stacks", "--inventory", "..", "--check"], { cwd });
    assert.equal(check.status, 1);
    assert.match(check.stderr, where);
  });

  it("outside any repository, paths are relative to the working directory", () => {
    const fleet = join(tmp, "plain", "fleet");
    cpSync(MINIMAL_FLEET, fleet, { recursive: true });
    const r = gigafactory(["validate", "--inventory", "fleet", "--format", "json"], { cwd: join(tmp, "plain") });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).fleet.dir, "fleet");
  });
});
