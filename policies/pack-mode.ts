/**
 * The pack's one jurisdiction mode setting: `eu-jurisdiction`'s `mode`. CrossGuard hands each
 * policy only its own configuration, so `eu-jurisdiction` records the mode it judged a site
 * resource in, by the resource's URN, and `data-residency`, registered after it and so run after it
 * on the same resource (the SDK runs a pack's policies on a resource in order), judges that
 * resource in the same mode and forgets it. When `eu-jurisdiction` is disabled nothing is recorded
 * and `data-residency` stays strict (`eu`).
 */
import { DEFAULT_SETTINGS, type Mode } from "./rules";

const recorded = new Map<string, Mode>();

/** Called by `eu-jurisdiction` with the mode it judges the resource `urn` in; returns it. */
export function recordMode(urn: string, mode: Mode): Mode {
  recorded.set(urn, mode);
  return mode;
}

/** The mode `eu-jurisdiction` judged resource `urn` in, else the strict default; forgotten once read. */
export function packMode(urn: string): Mode {
  const mode = recorded.get(urn) ?? DEFAULT_SETTINGS.mode;
  recorded.delete(urn);
  return mode;
}
