/** bin/fresh-build.js: the compiled command line runs only when it was built from the current sources. */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { gigafactory, ROOT } from "../helpers/gigafactory";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { staleness } = require("../../bin/fresh-build") as { staleness: (root: string) => string | undefined };

/** Writes `file` under `root` with the given modification time (seconds). */
function put(root: string, file: string, mtime: number): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), "//\n");
  utimesSync(join(root, file), mtime, mtime);
}

describe("the compiled build's freshness", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "gigafactory-build-"));
    put(root, "cli/index.ts", 1000);
    put(root, "inventory/load.ts", 1000);
    put(root, "dist/cli/index.js", 2000);
    put(root, "dist/inventory/load.js", 2000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("is fresh when every compiled file is newer than its source", () => {
    assert.equal(staleness(root), undefined);
  });

  it("names the first source changed after the build", () => {
    utimesSync(join(root, "inventory/load.ts"), 3000, 3000);
    assert.equal(staleness(root), "dist/ is older than inventory/load.ts");
  });

  it("says so when there is no build", () => {
    rmSync(join(root, "dist"), { recursive: true });
    assert.equal(staleness(root), "no build in dist/");
  });

  it("ignores compiled files whose source is gone (a changed importer catches a real removal)", () => {
    put(root, "dist/cli/old.js", 2000);
    assert.equal(staleness(root), undefined);
  });

  it("the executable runs the build with no note after npm run build (which npm test runs first) @executable", () => {
    const r = gigafactory(["--version"]);
    assert.equal(r.stderr, "");
    assert.equal(r.status, 0);
  });

  it("without a build, the executable runs the TypeScript sources through tsx and says so", () => {
    // A checkout without dist/: this one's files, linked, and its own bin/.
    rmSync(root, { recursive: true });
    mkdirSync(root);
    for (const entry of readdirSync(ROOT)) {
      if (entry !== "bin" && entry !== "dist" && entry !== ".git") symlinkSync(join(ROOT, entry), join(root, entry));
    }
    cpSync(join(ROOT, "bin"), join(root, "bin"), { recursive: true });
    const r = spawnSync(process.execPath, [join(root, "bin", "gigafactory.js"), "--version"], { encoding: "utf8", timeout: 60_000 });
    assert.equal(r.stderr, "gigafactory: no build in dist/; running the TypeScript sources through tsx (a slower start; `npm run build` compiles them)\n");
    assert.equal(r.stdout, `${(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version}\n`);
    assert.equal(r.status, 0);
  });
});
