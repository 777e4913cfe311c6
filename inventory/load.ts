/**
 * The loader: reads a fleet directory, checks it against the schemas and the semantic rules, and
 * expands it. Every problem of every file is reported in one run; bad input never throws.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { expandSite, rackTotals, summarise } from "./expand";
import type { ExpandedSite, Fleet, FleetSummary, Locator, SiteEntry } from "./fleet";
import { checkItEnergy, readMetering, type MeteredYear } from "./metering";
import { installedItPowerKW, itPowerTerms } from "../model/installed-it-power";
import { compareProblems, formatPath, type FieldPath, type Problem } from "./problem";
import { certificateKey } from "./schema/energy";
import { DEFAULT_POLICY, FleetFile } from "./schema/fleet";
import { Site } from "./schema/site";
import { checkSchema } from "./schema-check";
import {
  checkAddressing,
  checkEnergyFigures,
  checkOverlaps,
  checkPools,
  checkQueues,
  checkRackTypes,
  checkReferences,
  checkUnderlay,
  siteRanges,
  type Report,
  type SiteRange,
} from "./semantic";
import { checkHostKeys } from "./semantic-bootstrap";
import { checkProvisioning } from "./semantic-provisioning";
import { SourceFile } from "./source";
import { normaliseCountry, placeProblem } from "../model/territory/place";

/** The outcome of loading a fleet. `fleet` is present only when there is no problem. */
export interface LoadResult {
  readonly fleet?: Fleet;
  /** Sites that could be expanded (all of them when the fleet is valid). */
  readonly expanded: readonly ExpandedSite[];
  readonly summary: FleetSummary;
  readonly problems: readonly Problem[];
}

/** Options of {@link loadFleet}. */
export interface LoadOptions {
  /** File names in problems are relative to this. @default process.cwd() */
  readonly cwd?: string;
  /**
   * Expand (and run the checks that need expansion on) only the sites this accepts; the others
   * are still read, schema-checked, reference-checked and overlap-checked. A stack that builds
   * one site passes its id; `validate` and `audit` expand every site. @default every site
   */
  readonly expand?: (siteId: string) => boolean;
}

/** Loads the fleet in `dir`. */
export function loadFleet(dir: string, options: LoadOptions | string = {}): LoadResult {
  const { cwd = process.cwd(), expand = () => true } = typeof options === "string" ? { cwd: options } : options;
  const problems: Problem[] = [];
  const display = (file: string) => relative(cwd, file) || ".";
  const fleetPath = join(dir, "fleet.yaml");
  if (!existsSync(fleetPath) || !statSync(fleetPath).isFile()) {
    return failed([{ file: display(fleetPath), line: 1, column: 1, path: "", message: `no fleet.yaml in ${display(dir)}` }]);
  }
  const fleetSource = readSource(fleetPath, problems, display);
  if (!fleetSource) return failed(problems);
  const header = readValid(fleetSource, FleetFile, problems, display);
  const seat = header && placeProblem(header.operator.country);
  if (seat) reporter(fleetSource, problems, display)(["operator", "country"], seat.message);
  const sites = readSites(dir, { problems, display, expand, dir });
  checkAcrossSites(sites, problems);

  problems.sort(compareProblems);
  const { entries, expanded } = sites;
  const summary = summarise(expanded);
  if (problems.length > 0 || !header) return { expanded, summary, problems };
  const fleet: Fleet = {
    dir,
    name: header.name,
    ...(header.description !== undefined ? { description: header.description } : {}),
    operator: header.operator,
    policy: header.policy ?? DEFAULT_POLICY,
    file: display(fleetPath),
    locate: locator(fleetSource, display),
    sites: entries,
  };
  return { fleet, expanded, summary, problems };
}

/** What every step of reading the site files shares. */
interface Reading {
  /** Where every problem goes. */
  readonly problems: Problem[];
  /** A file's name as problems show it. */
  readonly display: (file: string) => string;
  /** Which sites are expanded (see {@link LoadOptions.expand}). */
  readonly expand: (siteId: string) => boolean;
  /** The fleet directory, which metering files are relative to. */
  readonly dir: string;
}

/** What the site files hold: every site that passed its schema, those expanded, and every address range. */
interface SitesRead {
  readonly entries: SiteEntry[];
  readonly expanded: ExpandedSite[];
  readonly ranges: SiteRange[];
  /** The file that first declared each site id. */
  readonly files: Map<string, string>;
}

/** The site files of the fleet in `dir`, sorted; a missing or empty `sites/` is a problem. */
function listSiteFiles(dir: string, problems: Problem[], display: (file: string) => string): string[] {
  const sitesDir = join(dir, "sites");
  const sitesIsDir = existsSync(sitesDir) && statSync(sitesDir).isDirectory();
  const siteFiles = sitesIsDir
    ? readdirSync(sitesDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  if (existsSync(sitesDir) && !sitesIsDir) {
    problems.push({ file: display(sitesDir), line: 1, column: 1, path: "", message: "sites should be a directory of site files (sites/<site-id>.yaml)" });
  } else if (siteFiles.length === 0) {
    problems.push({ file: display(sitesDir), line: 1, column: 1, path: "", message: "the fleet has no site files (sites/<site-id>.yaml)" });
  }
  return siteFiles.map((name) => join(sitesDir, name));
}

/** Reads, checks and (where `expand` accepts it and it is sound) expands every site file. */
function readSites(dir: string, reading: Reading): SitesRead {
  const { problems, display } = reading;
  const sites: SitesRead = { entries: [], expanded: [], ranges: [], files: new Map() };
  for (const file of listSiteFiles(dir, problems, display)) {
    const source = readSource(file, problems, display);
    if (!source) continue;
    const site = readValid(source, Site, problems, display);
    if (site) readSite(site, source, sites, reading);
  }
  return sites;
}

/** Checks one schema-valid site on its own (id, references, rack types, ranges), then expanded. */
function readSite(site: Site, source: SourceFile, sites: SitesRead, reading: Reading): void {
  const { problems, display, expand } = reading;
  const report = reporter(source, problems, display);
  const expectedId = basename(source.file).replace(/\.ya?ml$/, "");
  if (site.id !== expectedId) report(["id"], `site id "${site.id}" does not match its file name (${expectedId})`);
  const other = sites.files.get(site.id);
  if (other !== undefined) report(["id"], `duplicate site id "${site.id}" (also in ${other})`);
  sites.files.set(site.id, display(source.file));
  const metering = readSiteMetering(site, report, reading);
  sites.entries.push({ site, file: display(source.file), locate: locator(source, display), metering });

  const resolvable = checkReferences(site, report);
  if (resolvable) checkRackTypes(site, report);
  checkProvisioning(site, report);
  const found = siteRanges(site, report);
  for (const r of found.ranges) sites.ranges.push({ site: site.id, ...r, report });
  if (!resolvable || !found.valid || !expand(site.id)) return;
  const exp = expandSite(site);
  checkAddressing(exp, report);
  checkPools(exp, report);
  checkQueues(exp, report);
  checkUnderlay(exp, report);
  checkEnergyFigures(exp, report);
  const pdit = installedItPowerKW(itPowerTerms(rackTotals(exp.racks).itPowerKW, site));
  for (const m of metering) problems.push(...checkItEnergy(m, pdit));
  checkHostKeys(exp, report);
  sites.expanded.push(exp);
}

/** The metering files a site names: each year once, each file read and checked. */
function readSiteMetering(site: Site, report: Report, { problems, display, dir }: Reading): MeteredYear[] {
  const years = new Set<number>();
  const out: MeteredYear[] = [];
  (site.reporting?.metering ?? []).forEach((m, i) => {
    if (years.has(m.year)) return report(["reporting", "metering", i, "year"], `year ${m.year} has more than one metering file`);
    years.add(m.year);
    const supplies = site.energy.supply.length;
    const named = new Set<number>();
    m.guarantees.forEach((g, j) => {
      const at = ["reporting", "metering", i, "guarantees", j, "supply"];
      if (g.supply >= supplies) report(at, `energy.supply[${g.supply}] does not exist; the site has ${supplies === 1 ? "1 supply" : `${supplies} supplies`}`);
      else if (named.has(g.supply)) report(at, `energy.supply[${g.supply}] has more than one entry for ${m.year}`);
      named.add(g.supply);
    });
    const path = join(dir, m.file);
    const read = readMetering(path, display(path), m.year, supplies);
    if ("unreadable" in read) return report(["reporting", "metering", i, "file"], read.unreadable);
    problems.push(...read.problems);
    if (read.metered) out.push({ ...read.metered, guarantees: m.guarantees });
  });
  return out;
}

/**
 * What no single site can decide: overlapping ranges, replicas at other sites. (A certificate
 * claimed twice is `renewable-power`'s finding on every claim after the first: the site facts
 * carry the claims of the sites before.)
 */
function checkAcrossSites({ entries, ranges }: SitesRead, problems: Problem[]): void {
  checkOverlaps(ranges);
  const countries = new Map(entries.map((e) => [e.site.id, { country: e.site.country, subdivision: e.site.subdivision }]));
  for (const { site, locate } of entries) checkReplicaSites(site, countries, problems, locate);
  checkYearCertificates(entries, problems);
}

/** Reads a file of the fleet; a file that cannot be read (a directory, no permission) is a problem, not a crash. */
function readSource(file: string, problems: Problem[], display: (file: string) => string): SourceFile | undefined {
  try {
    return SourceFile.read(file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "EISDIR" ? "is a directory, not a YAML file" : `cannot be read (${(e as Error).message})`;
    problems.push({ file: display(file), line: 1, column: 1, path: "", message: `${basename(file)} ${reason}` });
    return undefined;
  }
}

function failed(problems: Problem[]): LoadResult {
  return { expanded: [], summary: summarise([]), problems };
}

function readValid<T extends typeof Site | typeof FleetFile>(source: SourceFile, schema: T, problems: Problem[], display: (file: string) => string) {
  const shown = (p: Problem): Problem => ({ ...p, file: display(p.file) });
  if (source.syntaxProblems.length > 0) {
    problems.push(...source.syntaxProblems.map(shown));
    return undefined;
  }
  const { value, problems: found } = checkSchema(schema, source.data, source);
  problems.push(...found.map(shown));
  return value;
}

function reporter(source: SourceFile, problems: Problem[], display: (file: string) => string): Report {
  return (path: FieldPath, message: string) => {
    const p = source.problem(path, message);
    problems.push({ ...p, file: display(p.file) });
  };
}

function locator(source: SourceFile, display: (file: string) => string): Locator {
  return (path: FieldPath) => {
    const p = source.problem(path, "");
    return { file: display(p.file), line: p.line, column: p.column };
  };
}

/**
 * Storage replicas and backups that name a site must name one of the fleet's, and say where that
 * site is: the policies judge the country, so a copy cannot claim an EU country at a site outside.
 */
function checkReplicaSites(
  site: Site,
  sites: ReadonlyMap<string, { country: string; subdivision?: string | undefined }>,
  problems: Problem[],
  locate: Locator,
): void {
  site.storage.forEach((s, i) => {
    for (const list of ["replicas", "backups"] as const) {
      s[list].forEach((loc, j) => {
        if (loc.site === undefined) return;
        const path = `storage[${i}].${list}[${j}]`;
        const other = sites.get(loc.site);
        if (!other) {
          problems.push({ ...locate(["storage", i, list, j, "site"]), path: `${path}.site`, message: `unknown site "${loc.site}"` });
        } else if (normaliseCountry(other.country) !== normaliseCountry(loc.country)) {
          problems.push({
            ...locate(["storage", i, list, j, "country"]),
            path: `${path}.country`,
            message: `site [${loc.site}] is in ${other.country}, not ${loc.country}`,
          });
        } else if (loc.subdivision !== undefined && other.subdivision !== undefined && loc.subdivision !== other.subdivision) {
          problems.push({
            ...locate(["storage", i, list, j, "subdivision"]),
            path: `${path}.subdivision`,
            message: `site [${loc.site}] is in ${other.subdivision}, not ${loc.subdivision}`,
          });
        }
      });
    }
  });
}

/**
 * A Guarantee of Origin named for a metered year (`reporting.metering[i].guarantees`) is cancelled
 * once: its id may back one supply of one site in one year; a later claim is an error at its id.
 */
function checkYearCertificates(entries: readonly SiteEntry[], problems: Problem[]): void {
  const claimed = new Map<string, string>();
  for (const { site, locate } of entries) {
    (site.reporting?.metering ?? []).forEach((m, i) => {
      m.guarantees.forEach((g, j) => {
        g.certificates.forEach((id, k) => {
          const key = certificateKey(id);
          const first = claimed.get(key);
          const path = ["reporting", "metering", i, "guarantees", j, "certificates", k] as const;
          if (first === undefined) claimed.set(key, `site [${site.id}] reporting.metering[${i}] (${m.year}) supply[${g.supply}]`);
          else problems.push({ ...locate(path), path: formatPath(path), message: `certificate ${id.trim()} is already claimed by ${first}` });
        });
      });
    });
  }
}
