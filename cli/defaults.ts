/** Defaults shared by the commands. */
import { join } from "node:path";

/** The sample Nordic-Baltic fleet, relative to the repository root. */
export const DEFAULT_INVENTORY = join(__dirname, "..", "inventory", "fleets", "nordic-baltic");

/** Parses a `--format` value against the formats a command supports. */
export function formatOption<const F extends readonly string[]>(formats: F) {
  return (value: string): F[number] => {
    if (!(formats as readonly string[]).includes(value)) {
      throw new InvalidChoice(`format must be one of: ${formats.join(", ")} (got "${value}")`);
    }
    return value as F[number];
  };
}

/** Raised by option parsers; commander turns it into a usage error. */
export class InvalidChoice extends Error {}
