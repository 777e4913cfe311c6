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

/** The mode `eu-jurisdiction` last judged in, else the strict default. */
export function packMode(): Mode {
  return recorded ?? DEFAULT_SETTINGS.mode;
}
