/** The face of `gigafactory stacks`: options, help and examples; the work is loaded only when it runs (`../stacks`). */
import { join } from "node:path";
import { Command, Option } from "commander";
import type { CommandResult } from "../command-result";
import { PROJECT_ROOT } from "../project-root";
import { inventoryOption } from "./inventory-option";

/** Where the stack files go, relative to the project root. */
const STACKS_DIR = "stacks";

const EXAMPLES = `
Examples:
  $ npx gigafactory stacks
  $ npx gigafactory stacks --check

Exit codes: 0 written or up to date, 1 drift (with --check) or an invalid inventory, 2 usage, 3 internal error.`;

/** Registers the command. */
export function stacksCommand(run: (result: CommandResult) => void): Command {
  return new Command("stacks")
    .description("write one Pulumi stack file per site, layer and shard (or --check that they are up to date)")
    .addOption(inventoryOption())
    .addOption(new Option("--out <dir>", "where the stack files go").default(join(PROJECT_ROOT, STACKS_DIR), STACKS_DIR))
    .option("--check", "change nothing; exit 1 when a file is missing, different or stale", false)
    .addHelpText("after", EXAMPLES)
    .action((options) => {
      // Loaded only now, so that the other commands start without it.
      const { stacks } = require("../stacks") as typeof import("../stacks");
      run(stacks(options));
    });
}
