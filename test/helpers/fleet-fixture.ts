/**
 * The fleets tests start from, the one home of their paths: the minimal fixture and the sample
 * fleets of `inventory/fleets/`. And test fleets made from the minimal fixture with one change: a
 * text substitution in one file, so that every other line stays where it is and expected line
 * numbers are those of the fixture.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository's root. */
export const REPO_ROOT = join(__dirname, "..", "..");

/** The compliant fixture every failing case starts from. */
export const MINIMAL_FLEET = join(REPO_ROOT, "test", "fixtures", "fleets", "minimal");

/** The minimal fleet with what the EU data-centre report needs (a `reporting` section, a year of metering): the base of the report tests. */
export const REPORTING_FLEET = join(REPO_ROOT, "test", "fixtures", "fleets", "reporting");

/** The sample fleets of `inventory/fleets/`. */
export type SampleFleet = "nordic-baltic" | "iceland-legacy" | "lab";

/** A sample fleet of `inventory/fleets/`. */
export function sampleFleet(name: SampleFleet): string {
  return join(REPO_ROOT, "inventory", "fleets", name);
}

/** The sample 100,000-GPU fleet, the default of every command. */
export const NORDIC_FLEET = sampleFleet("nordic-baltic");
/** The operator's Icelandic data centre, which the strict EU policy refuses. */
export const ICELAND_FLEET = sampleFleet("iceland-legacy");
/** The lab: one small site whose BMCs are simulated on loopback. */
export const LAB_FLEET = sampleFleet("lab");

const made: string[] = [];

/** A copy of the minimal fleet in a temporary directory. */
export function copyFleet(source: string = MINIMAL_FLEET): string {
  const dir = mkdtempSync(join(tmpdir(), "gigafactory-fleet-"));
  cpSync(source, dir, { recursive: true });
  made.push(dir);
  return dir;
}

/**
 * A copy of the minimal fleet where `from` (which must occur exactly once in `file`) is replaced
 * by `to`. `file` is relative to the fleet directory, e.g. `sites/tst-1.yaml`.
 */
export function fleetWith(file: string, from: string, to: string): string {
  return edit(copyFleet(), file, from, to);
}

/** Replaces `from` (which must occur exactly once) with `to` in `file` of the fleet in `dir`; returns `dir`. */
export function edit(dir: string, file: string, from: string, to: string): string {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture ${file} must contain "${from}" exactly once`);
  writeFileSync(path, text.slice(0, at) + to + text.slice(at + from.length));
  return dir;
}

/** Removes every directory made by this module. */
export function cleanFleets(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
