/**
 * The pack's one jurisdiction mode setting: `eu-jurisdiction`'s `mode`. CrossGuard hands each
 * policy only its own configuration, so `eu-jurisdiction` records the mode it read for the
 * resource it judges, and `data-residency`, registered after it and run after it on the same
 * resource (the SDK runs a pack's policies in order, one at a time), judges in that mode. When
 * `eu-jurisdiction` is disabled nothing is recorded and `data-residency` stays strict (`eu`).
 */
import { DEFAULT_SETTINGS, type Mode } from "./rules";

let recorded: Mode | undefined;

/** Called by `eu-jurisdiction` with the mode it judges a resource in. */
export function recordMode(mode: Mode): Mode {
  recorded = mode;
  return mode;
}

/**
 * The mode `eu-jurisdiction` judged the same resource in, else the strict default. Reading it
 * clears it, so a mode recorded for one resource never carries over to the next (nor past a
 * configuration that disables `eu-jurisdiction`).
 */
export function packMode(): Mode {
  const mode = recorded ?? DEFAULT_SETTINGS.mode;
  recorded = undefined;
  return mode;
}
