/**
 * The `pulumi` commands the project prints for a user (`npm run pulumi -- …` in the README and in
 * the lab's closing lines) name commands and flags the engine we build has: each is checked
 * against that command's `--help`. (The other printed commands: test/cli/printed-commands.test.ts.)
 */
import assert from "node:assert/strict";
import { labCommands, readmeCommands, type PrintedCommand } from "../helpers/printed-commands";
import { pulumi } from "./engine";

/** The engine's subcommand path of `args` (`stack rm`), found through each level's `--help`, and that level's help. */
function commandOf(args: readonly string[]): { path: string[]; help: string } {
  const path: string[] = [];
  let help = pulumi(["--help"]).stdout;
  for (const word of args) {
    const commands = help.split("Available Commands:")[1]?.split("\n\n")[0] ?? "";
    if (!/^[a-z][a-z-]*$/.test(word) || !new RegExp(`^ {2}${word}\\b`, "m").test(commands)) break;
    path.push(word);
    help = pulumi([...path, "--help"]).stdout;
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
