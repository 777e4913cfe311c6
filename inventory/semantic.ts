/**
 * Checks that a schema cannot express: unique ids, references that resolve, racks that their feeds
 * and heights can hold, pools that fit, and address ranges that neither overlap nor run out.
 */
import { perNodeRanges, hostOffset } from "../model/address-plan";
import { formatCidr, overlaps, parseCidr, size, type Ipv4Network } from "../model/ipv4";
import { buildHallFabric, sizeComputeFabric } from "../model/fabric";
import { computeAddressing, computeFabricOptions, computeHalls, wiredForHalls } from "./compute-fabric";
import { siteRangeList, siteRangeSet } from "../model/site-ranges";
import { formatKW, overdrawn, rackPower } from "../model/power";
import { placeProblem } from "../model/territory/place";
import { impossibleFigures } from "../model/energy-figures";
import { rackId, rackUnitsNeeded } from "./expand";
import type { ExpandedSite } from "./fleet";
import type { FieldPath, Problem } from "./problem";
import type { Site } from "./schema/site";
import { classQuotas, describeExcess, gpusBuilt, quotaExcesses } from "../model/kubernetes/quotas";

/** Hall ids that would make a hall's shard names collide with others (`fabric-b0`). */
const RESERVED_HALL_IDS = new Set(["fabric"]);

/** Reports a problem at a field path of the file being checked. */
export type Report = (path: FieldPath, message: string) => void;

/** Ids that must be unique within a list, reported at every repeat. */
function uniqueIds(items: readonly { id: string }[], listPath: FieldPath, what: string, report: Report): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else report([...listPath, i, "id"], `duplicate ${what} id "${item.id}" (first at ${String(listPath.at(-1))}[${first}])`);
  });
}

/**
 * Checks ids and references. Returns false when a reference does not resolve, in which case the
 * site cannot be expanded and the checks that need expansion are skipped.
 */
export function checkReferences(site: Site, report: Report): boolean {
  let unresolved = 0;
  const refError: Report = (path, message) => {
    unresolved += 1;
    report(path, message);
  };
  checkUniqueIds(site, report);
  const railsFit = checkSiteRules(site, report);
  const ids = {
    blueprints: new Set(site.blueprints.map((b) => b.id)),
    rackTypes: new Set(site.rackTypes.map((t) => t.id)),
    halls: new Set(site.halls.map((h) => h.id)),
    pools: new Set(site.pools.map((p) => p.id)),
  };
  site.rackTypes.forEach((t, i) =>
    t.nodes.forEach((n, j) => {
      if (!ids.blueprints.has(n.blueprint)) refError(["rackTypes", i, "nodes", j, "blueprint"], `unknown blueprint "${n.blueprint}"`);
    }),
  );
  checkHalls(site, ids.rackTypes, report, refError);
  checkPoolReferences(site, ids, report, refError);
  checkBmcAccess(site, ids.halls, report, refError);
  site.tenants.forEach((t, i) =>
    t.pools.forEach((p, j) => {
      if (!ids.pools.has(p)) refError(["tenants", i, "pools", j], `unknown pool "${p}"`);
    }),
  );
  return railsFit && unresolved === 0;
}

/** Every list of the site whose ids must be unique. */
function checkUniqueIds(site: Site, report: Report): void {
  uniqueIds(site.blueprints, ["blueprints"], "blueprint", report);
  uniqueIds(site.rackTypes, ["rackTypes"], "rack type", report);
  uniqueIds(site.halls, ["halls"], "hall", report);
  uniqueIds(site.pools, ["pools"], "pool", report);
  uniqueIds(site.tenants, ["tenants"], "tenant", report);
  uniqueIds(site.storage, ["storage"], "storage system", report);
}

/**
 * Rules across fields of one site that need no reference: the Ethernet underlay range, a compute
 * range wide enough for a subnet per rail, 2N feeds, reserved hall ids, valid places.
 * Returns false when the compute range cannot be cut per rail (the site cannot be expanded).
 */
function checkSiteRules(site: Site, report: Report): boolean {
  const { compute } = site.network;
  if (compute.technology === "ethernet" && compute.underlayCidr === undefined) {
    report(["network", "compute"], "an Ethernet compute fabric needs network.compute.underlayCidr for its routed underlay's point-to-point links");
  }
  const maxRails = Math.max(...site.blueprints.map((b) => b.rails));
  const computePrefix = Number(compute.cidr.split("/")[1]);
  const railsFit = computePrefix + Math.ceil(Math.log2(maxRails)) <= 32;
  if (!railsFit) report(["network", "compute", "cidr"], `${compute.cidr} cannot be cut into one subnet per rail for ${maxRails} rails`);
  site.rackTypes.forEach((t, i) => {
    if (t.redundancy === "2N" && t.feeds.length < 2)
      report(["rackTypes", i, "feeds"], `rack type [${t.id}] is 2N but has ${t.feeds.length} feed; 2N needs at least two`);
  });
  site.halls.forEach((h, i) => {
    if (RESERVED_HALL_IDS.has(h.id)) report(["halls", i, "id"], `hall id "${h.id}" is reserved (its shards would collide with the compute fabric's)`);
  });
  checkPlaces(site, report);
  return railsFit;
}

/** Every place the site names (where it stands, its replicas and backups) has valid ISO 3166 codes (`model/territory/place.ts`). */
function checkPlaces(site: Site, report: Report): void {
  const where = placeProblem(site.country, site.subdivision);
  if (where) report([where.field], where.message);
  site.storage.forEach((s, i) => {
    for (const list of ["replicas", "backups"] as const) {
      s[list].forEach((loc, j) => {
        const problem = placeProblem(loc.country, loc.subdivision);
        if (problem) report(["storage", i, list, j, problem.field], problem.message);
      });
    }
  });
}

/** Halls: unique numbers, known rack types, and no rack number placed by two runs. */
function checkHalls(site: Site, rackTypes: ReadonlySet<string>, report: Report, refError: Report): void {
  const hallNumbers = new Map<number, string>();
  site.halls.forEach((h, i) => {
    const other = hallNumbers.get(h.number);
    if (other !== undefined) report(["halls", i, "number"], `hall number ${h.number} is already used by hall "${other}"`);
    else hallNumbers.set(h.number, h.id);
    const taken = new Map<number, number>();
    h.racks.forEach((run, j) => {
      if (!rackTypes.has(run.type)) refError(["halls", i, "racks", j, "type"], `unknown rack type "${run.type}"`);
      for (let n = run.from; n < run.from + run.count; n++) {
        const prior = taken.get(n);
        if (prior !== undefined) {
          report(["halls", i, "racks", j], `rack ${rackId(n)} of hall "${h.id}" is already placed by racks[${prior}]`);
          break;
        }
        taken.set(n, j);
      }
    });
  });
}

/** Pools: a known blueprint, known halls, racks or halls (not both), and rack ranges that are not empty. */
function checkPoolReferences(site: Site, ids: { blueprints: ReadonlySet<string>; halls: ReadonlySet<string> }, report: Report, refError: Report): void {
  site.pools.forEach((p, i) => {
    if (!ids.blueprints.has(p.blueprint)) refError(["pools", i, "blueprint"], `unknown blueprint "${p.blueprint}"`);
    p.halls?.forEach((h, j) => {
      if (!ids.halls.has(h)) refError(["pools", i, "halls", j], `unknown hall "${h}"`);
    });
    if (p.racks && p.halls) report(["pools", i, "halls"], `pool [${p.id}] gives both racks and halls; racks already name the halls`);
    p.racks?.forEach((r, j) => {
      if (!ids.halls.has(r.hall)) refError(["pools", i, "racks", j, "hall"], `unknown hall "${r.hall}"`);
      if (r.from > r.to) report(["pools", i, "racks", j], `rack range ${r.from}–${r.to} is empty (from is after to)`);
    });
  });
}

/** BMC access rules: each names racks or nodes and says what it changes; its halls exist. */
function checkBmcAccess(site: Site, halls: ReadonlySet<string>, report: Report, refError: Report): void {
  (site.bmcAccess?.rules ?? []).forEach((rule, i) => {
    const at = ["bmcAccess", "rules", i];
    if (!rule.racks && !rule.nodes) report(at, "a BMC access rule should name racks or nodes");
    if (rule.credentials === undefined && rule.tls === undefined) report(at, "a BMC access rule should set credentials or tls");
    rule.racks?.forEach((r, j) => {
      if (!halls.has(r.hall)) refError([...at, "racks", j, "hall"], `unknown hall "${r.hall}"`);
      if (r.from > r.to) report([...at, "racks", j], `rack range ${r.from}–${r.to} is empty (from is after to)`);
    });
  });
}

/** Rack types whose nodes draw more than the feeds allow or need more units than the rack has. */
export function checkRackTypes(site: Site, report: Report): void {
  const blueprints = new Map(site.blueprints.map((b) => [b.id, b]));
  site.rackTypes.forEach((t, i) => {
    const power = rackPower(t, blueprints);
    if (overdrawn(power)) {
      report(
        ["rackTypes", i, "feeds"],
        `rack type [${t.id}] draws ${formatKW(power.drawKW)} but its feeds allow ${formatKW(power.usableKW)} (${t.redundancy})`,
      );
    }
    const units = rackUnitsNeeded(t, blueprints);
    if (units > t.rackUnits) {
      report(["rackTypes", i, "nodes"], `rack type [${t.id}] needs ${units} U for its nodes and reserved units but has ${t.rackUnits} U`);
    }
  });
}

/** Parses every range of a site, reporting malformed ones; `valid` is false when any was. */
export function siteRanges(site: Site, report: Report): { ranges: { path: FieldPath; net: Ipv4Network }[]; valid: boolean } {
  const ranges: { path: FieldPath; net: Ipv4Network }[] = [];
  let valid = true;
  for (const { path, cidr } of siteRangeList(siteRangeSet(site.network))) {
    try {
      ranges.push({ path, net: parseCidr(cidr) });
    } catch (e) {
      valid = false;
      report(path, (e as Error).message);
    }
  }
  return { ranges, valid };
}

/** A range of some site, for overlap checks across the fleet. */
export interface SiteRange {
  readonly site: string;
  readonly path: FieldPath;
  readonly net: Ipv4Network;
  readonly report: Report;
}

/** Every pair of overlapping ranges, reported at the later one. */
export function checkOverlaps(ranges: readonly SiteRange[]): void {
  const sorted = [...ranges].sort((a, b) => a.net.base - b.net.base || a.net.prefix - b.net.prefix);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.net.base <= a.net.base + size(a.net) - 1; j++) {
      const b = sorted[j]!;
      if (!overlaps(a.net, b.net)) continue;
      b.report(b.path, `${formatCidr(b.net)} overlaps ${formatCidr(a.net)} (${a.path.join(".")} of site [${a.site}])`);
    }
  }
}

/** Racks beyond the address blocks, and ranges too small for the offsets the racks need. */
export function checkAddressing(expanded: ExpandedSite, report: Report): void {
  const { site, plan } = expanded;
  let maxOffset = -1;
  site.halls.forEach((hall, i) => {
    hall.racks.forEach((run, j) => {
      const last = run.from + run.count - 1;
      if (last > plan.racksPerHall) {
        report(["halls", i, "racks", j], `rack ${rackId(last)} is beyond network.addressing.racksPerHall (${plan.racksPerHall})`);
      }
      if (hall.fabricRacks !== undefined && last > hall.fabricRacks) {
        report(["halls", i, "racks", j], `rack ${rackId(last)} is beyond the ${hall.fabricRacks} racks the hall's compute fabric is wired for (fabricRacks)`);
      }
      const nodes = site.rackTypes.find((t) => t.id === run.type)!.nodes.reduce((n, e) => n + e.count, 0);
      if (nodes >= plan.hostsPerRack) {
        report(
          ["halls", i, "racks", j],
          `rack type [${run.type}] has ${nodes} nodes but network.addressing.hostsPerRack (${plan.hostsPerRack}) leaves room for ${plan.hostsPerRack - 1}`,
        );
      }
      maxOffset = Math.max(maxOffset, hostOffset(plan, hall.number, last, nodes));
    });
  });
  for (const range of perNodeRanges(plan)) {
    if (maxOffset >= range.size) {
      report(
        ["network", range.name, "cidr"],
        `${range.name} holds ${range.size} addresses${range.name === "compute" ? " per rail" : ""} but the racks need ${maxOffset + 1}`,
      );
    }
  }
}

/**
 * An Ethernet compute fabric's underlay must hold a /31 for every switch-to-switch link of the
 * fabric the site's nodes need (sized the way the stacks will build it); a fabric wired for halls
 * must also lay out: one blueprint a hall, racks within their reserve, spine groups within its core.
 */
/** Energy and water figures that cannot be true (`model/energy-figures.ts`). */
export function checkEnergyFigures(expanded: ExpandedSite, report: Report): void {
  const itPowerKW = expanded.racks.reduce((sum, r) => sum + r.drawKW, 0);
  for (const p of impossibleFigures(expanded.site.energy, itPowerKW)) report(p.path, p.message);
}

export function checkUnderlay(expanded: ExpandedSite, report: Report): void {
  const { compute } = expanded.site.network;
  const name = `${expanded.site.id}-compute`;
  if (wiredForHalls(compute)) {
    // The layout, its reserves and its underlay are checked; no switch document is rendered.
    try {
      buildHallFabric(name, computeHalls(expanded), computeFabricOptions(compute), computeAddressing(compute), () => false);
    } catch (e) {
      report(["network", "compute"], (e as Error).message);
    }
    return;
  }
  if (compute.technology !== "ethernet" || compute.underlayCidr === undefined) return;
  const groups = new Map<string, number>();
  for (const node of expanded.nodes) groups.set(node.blueprint, (groups.get(node.blueprint) ?? 0) + 1);
  try {
    const sizing = sizeComputeFabric(
      name,
      [...groups].map(([id, nodes]) => {
        const bp = expanded.blueprints.get(id)!;
        return {
          nodes,
          rails: bp.rails,
          railSpeedGbps: bp.railSpeedGbps,
          ...(bp.nodesPerScalableUnit ? { nodesPerScalableUnit: bp.nodesPerScalableUnit } : {}),
        };
      }),
      computeFabricOptions(compute),
    );
    const links = sizing.cables.leafSpine + sizing.cables.spineCore;
    const room = size(parseCidr(compute.underlayCidr)) / 2;
    if (links > room) report(["network", "compute", "underlayCidr"], `${compute.underlayCidr} holds ${room} /31 links but the compute fabric has ${links}`);
  } catch (e) {
    report(["network", "compute"], (e as Error).message);
  }
}

/** Pools that asked for more nodes than exist, and tenants whose quota exceeds their pools. */
export function checkPools(expanded: ExpandedSite, report: Report): void {
  const { site, poolNodes, blueprints } = expanded;
  site.pools.forEach((p, i) => {
    const got = poolNodes.get(p.id) ?? 0;
    if (got < p.nodes) {
      const where = p.racks
        ? ` in racks ${p.racks.map((r) => `${r.hall} ${rackId(r.from)}–${rackId(r.to)}`).join(", ")}`
        : p.halls
          ? ` in halls ${p.halls.join(", ")}`
          : "";
      report(["pools", i, "nodes"], `pool [${p.id}] asks for ${p.nodes} ${p.blueprint} nodes but only ${got} are free${where}`);
    }
  });
  const poolGpus = new Map(site.pools.map((p) => [p.id, p.nodes * blueprints.get(p.blueprint)!.accelerator.count]));
  site.tenants.forEach((t, i) => {
    const gpus = t.pools.reduce((n, p) => n + (poolGpus.get(p) ?? 0), 0);
    if (t.gpuQuota > gpus) report(["tenants", i, "gpuQuota"], `tenant [${t.id}] has a quota of ${t.gpuQuota} GPUs but its pools hold ${gpus}`);
  });
}

export type { Problem };

/**
 * The site's queues: one entry per class, quotas on blueprints of the site, lending at most the
 * quota, a queue for every tenant's class, and per blueprint at most the GPUs built of it (the
 * rule `gpu-quota` judges too, with the same function).
 */
export function checkQueues(expanded: ExpandedSite, report: Report): void {
  const { site } = expanded;
  if (!site.queues) return;
  const classes = site.queues.classes;
  const seen = new Set<string>();
  classes.forEach((q, i) => {
    if (seen.has(q.class)) report(["queues", "classes", i, "class"], `tenant class "${q.class}" has more than one queue`);
    seen.add(q.class);
    const blueprints = new Set<string>();
    q.quotas.forEach((f, j) => {
      const at: FieldPath = ["queues", "classes", i, "quotas", j];
      if (!expanded.blueprints.has(f.blueprint)) report([...at, "blueprint"], `unknown blueprint "${f.blueprint}"`);
      if (blueprints.has(f.blueprint)) report([...at, "blueprint"], `class "${q.class}" has more than one quota of blueprint "${f.blueprint}"`);
      blueprints.add(f.blueprint);
      if (f.lendingLimit !== undefined && f.lendingLimit > f.gpus) report([...at, "lendingLimit"], `lends ${f.lendingLimit} GPUs but its quota is ${f.gpus}`);
    });
  });
  site.tenants.forEach((t, i) => {
    if (!seen.has(t.class)) report(["tenants", i, "class"], `tenant [${t.id}] is of class "${t.class}", which has no queue in queues.classes`);
  });
  const quotas = classQuotas(classes).filter((q) => expanded.blueprints.has(q.blueprint));
  for (const excess of quotaExcesses(gpusBuilt(site, expanded.nodes), quotas)) {
    const i = classes.findIndex((q) => q.quotas.some((f) => f.blueprint === excess.blueprint));
    const j = classes[i]!.quotas.findIndex((f) => f.blueprint === excess.blueprint);
    report(["queues", "classes", i, "quotas", j, "gpus"], describeExcess(excess));
  }
}
