/**
 * `--inventory <dir>`, the same in every command that reads a fleet: a directory relative to the
 * working directory; by default the project's sample fleet, shown in `--help` as the project-relative
 * path (never this machine's absolute path).
 */
import { join } from "node:path";
import { Option } from "commander";
import { DEFAULT_FLEET } from "../../inventory/fleets/default";
import { PROJECT_ROOT } from "../project-root";

/** A fresh `--inventory` option (commander options belong to one command). */
export function inventoryOption(): Option {
  return new Option("--inventory <dir>", "fleet directory (fleet.yaml and sites/)").default(join(PROJECT_ROOT, DEFAULT_FLEET), DEFAULT_FLEET);
}
