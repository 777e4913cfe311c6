/**
 * The `pulumi` commands the project prints for a user (`npm run pulumi -- …` in the README and in
 * the lab's closing lines) name commands and flags the engine we build has: each is checked
 * against that command's `--help`. (The other printed commands: test/cli/printed-commands.test.ts.)
 */
import assert from "node:assert/strict";
import { labCommands, readmeCommands, type PrintedCommand } from "../helpers/printed-commands";
import { pulumi } from "./engine";

/** The command a `--help` text is about, from its first usage line: `pulumi stack remove`. */
function usageOf(help: string): string {
  const line = /Usage:\n {2}(.*)/.exec(help)?.[1] ?? "";
  return line
    .split(" ")
    .filter((w) => /^[a-z][a-z-]*$/.test(w))
    .join(" ");
}

/**
 * The engine's subcommand path of `args` (`stack rm`, an alias of `stack remove`): a word belongs
 * to it when `pulumi … word --help` is about a longer command than without it. Returns that level's help.
 */
function commandOf(args: readonly string[]): { path: string[]; help: string } {
  const path: string[] = [];
  let help = pulumi(["--help"]).stdout;
  for (const word of args) {
    if (!/^[a-z][a-z-]*$/.test(word)) break;
    const deeper = pulumi([...path, word, "--help"]).stdout;
    if (usageOf(deeper).split(" ").length <= usageOf(help).split(" ").length) break;
    path.push(word);
    help = deeper;
  }
  return { path, help };
}

function check(c: PrintedCommand): void {
  const args = c.words.slice(c.words.indexOf("--") + 1);
  const { path, help } = commandOf(args);
  assert.ok(path.length > 0, `${c.source}: \`${c.text}\` names no pulumi command`);
  for (const flag of args.flatMap((a) => a.match(/--[a-z][a-z-]*/g) ?? [])) {
    assert.match(help, new RegExp(`(^|[ ,])${flag}\\b`, "m"), `${c.source}: \`${c.text}\`: pulumi ${path.join(" ")} has no ${flag}`);
  }
}

describe("pulumi commands the project prints", () => {
  const commands = [...readmeCommands(), ...labCommands()].filter((c) => c.words[0] === "npm" && c.words[1] === "run" && c.words[2] === "pulumi");

  it("are there to check: the README's preview and the lab's closing lines", () => {
    assert.ok(commands.length >= 3, commands.map((c) => c.text).join("\n"));
  });

  for (const c of commands) {
    it(`${c.source}: ${c.text}`, () => check(c));
  }
});
