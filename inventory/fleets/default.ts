/**
 * The fleet every command and stack reads when none is named: the sample Nordic-Baltic fleet.
 * One home for the path; each consumer resolves it against its own project root.
 */

/** The default fleet directory, relative to the project root (as `--help` shows it). */
export const DEFAULT_FLEET = "inventory/fleets/nordic-baltic";
