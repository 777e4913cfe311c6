/**
 * What a change does to the fleet: the resources it adds, removes and changes, per site and stack,
 * summarised by type and in physical terms (servers powered on or off, switches installed or
 * reconfigured, cables added or removed), with each site's GPUs and power before and after.
 */
import { byTypeAndName } from "./plan-stack";
import type { Figures, PlanResource, SiteFigures, StackPlan } from "./types";

/** One resource the change adds, removes or changes. */
export interface ResourceChange {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** For a changed resource: the properties whose digest changed (`in.<key>`, `out.<key>`). */
  readonly props?: readonly string[];
}

/** Counts of a type's changes at a site. */
export interface TypeChanges {
  readonly type: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
}

/** The physical effects at a site, in the words of `EFFECT_WORDS` plus cables. */
export interface PhysicalEffects {
  readonly serversPoweredOn: number;
  readonly serversPoweredOff: number;
  readonly serversChanged: number;
  readonly switchesInstalled: number;
  readonly switchesRemoved: number;
  readonly switchesReconfigured: number;
  readonly cablesAdded: number;
  readonly cablesRemoved: number;
  readonly racksInstalled: number;
  readonly racksRemoved: number;
  readonly kubernetesObjectsCreated: number;
  readonly kubernetesObjectsDeleted: number;
  readonly kubernetesObjectsUpdated: number;
}

/** One site's change. */
export interface SiteChange {
  readonly site: string;
  /** Absent when the site is new. */
  readonly before?: Figures;
  /** Absent when the site is gone. */
  readonly after?: Figures;
  readonly types: readonly TypeChanges[];
  readonly effects: PhysicalEffects;
  /** Stacks of the site the change touches, sorted. */
  readonly stacks: readonly string[];
}

/** Everything a change does. */
export interface PlanChanges {
  /** What the plan compares with: `--since <ref>` or `--baseline <file>`. */
  readonly base: string;
  /** Stacks planned because the change touches them; stacks that appear or disappear. */
  readonly stacks: { readonly touched: readonly string[]; readonly added: readonly string[]; readonly removed: readonly string[]; readonly untouched: number };
  readonly added: readonly ResourceChange[];
  readonly removed: readonly ResourceChange[];
  readonly changed: readonly ResourceChange[];
  /** True when the change only adds resources: nothing removed, nothing changed. */
  readonly onlyAdds: boolean;
  readonly sites: readonly SiteChange[];
}

const EMPTY_EFFECTS: PhysicalEffects = {
  serversPoweredOn: 0,
  serversPoweredOff: 0,
  serversChanged: 0,
  switchesInstalled: 0,
  switchesRemoved: 0,
  switchesReconfigured: 0,
  cablesAdded: 0,
  cablesRemoved: 0,
  racksInstalled: 0,
  racksRemoved: 0,
  kubernetesObjectsCreated: 0,
  kubernetesObjectsDeleted: 0,
  kubernetesObjectsUpdated: 0,
};

const effect = (r: PlanResource | undefined, key: string): number => r?.effects?.[key] ?? 0;

/** Adds one resource's change to a site's physical effects. */
function addEffects(e: Record<keyof PhysicalEffects, number>, before: PlanResource | undefined, after: PlanResource | undefined): void {
  const kind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
  const r = (after ?? before)!;
  if (effect(r, "servers") > 0) e[kind === "added" ? "serversPoweredOn" : kind === "removed" ? "serversPoweredOff" : "serversChanged"] += 1;
  if (effect(r, "switches") > 0) e[kind === "added" ? "switchesInstalled" : kind === "removed" ? "switchesRemoved" : "switchesReconfigured"] += 1;
  if (effect(r, "racks") > 0 && kind !== "changed") e[kind === "added" ? "racksInstalled" : "racksRemoved"] += 1;
  if (effect(r, "kubernetesObjects") > 0)
    e[kind === "added" ? "kubernetesObjectsCreated" : kind === "removed" ? "kubernetesObjectsDeleted" : "kubernetesObjectsUpdated"] += 1;
  const cables = effect(after, "cables") - effect(before, "cables");
  if (cables > 0) e.cablesAdded += cables;
  if (cables < 0) e.cablesRemoved -= cables;
}

/** The properties whose digests differ. */
function changedProps(before: PlanResource, after: PlanResource): string[] {
  const keys = new Set([...Object.keys(before.props), ...Object.keys(after.props)]);
  return [...keys].filter((k) => before.props[k] !== after.props[k]).sort();
}

/** The comparison of two sets of stack plans: `before` and `after` hold the stacks the change touches. */
export function diffPlans(
  base: string,
  before: readonly StackPlan[],
  after: readonly StackPlan[],
  sites: { readonly before: readonly SiteFigures[]; readonly after: readonly SiteFigures[] },
  untouched: number,
): PlanChanges {
  const beforeByName = new Map(before.map((s) => [s.stack, s]));
  const afterByName = new Map(after.map((s) => [s.stack, s]));
  const names = [...new Set([...beforeByName.keys(), ...afterByName.keys()])].sort();
  const added: ResourceChange[] = [];
  const removed: ResourceChange[] = [];
  const changed: ResourceChange[] = [];
  const perSite = new Map<
    string,
    { types: Map<string, { added: number; removed: number; changed: number }>; effects: Record<keyof PhysicalEffects, number>; stacks: string[] }
  >();
  const siteOf = (site: string) => {
    let s = perSite.get(site);
    if (!s) perSite.set(site, (s = { types: new Map(), effects: { ...EMPTY_EFFECTS }, stacks: [] }));
    return s;
  };
  for (const name of names) {
    const b = beforeByName.get(name);
    const a = afterByName.get(name);
    const acc = siteOf((a ?? b)!.site);
    acc.stacks.push(name);
    const old = new Map((b?.resources ?? []).map((r) => [`${r.type}\0${r.name}`, r]));
    const now = new Map((a?.resources ?? []).map((r) => [`${r.type}\0${r.name}`, r]));
    const keys = [...new Set([...old.keys(), ...now.keys()])];
    const refs = keys.map((k) => (now.get(k) ?? old.get(k))!).sort(byTypeAndName);
    for (const ref of refs) {
      const k = `${ref.type}\0${ref.name}`;
      const r0 = old.get(k);
      const r1 = now.get(k);
      if (r0 && r1 && r0.digest === r1.digest) continue;
      const t = acc.types.get(ref.type) ?? { added: 0, removed: 0, changed: 0 };
      acc.types.set(ref.type, t);
      addEffects(acc.effects, r0, r1);
      if (!r0) {
        added.push({ stack: name, type: ref.type, name: ref.name });
        t.added++;
      } else if (!r1) {
        removed.push({ stack: name, type: ref.type, name: ref.name });
        t.removed++;
      } else {
        changed.push({ stack: name, type: ref.type, name: ref.name, props: changedProps(r0, r1) });
        t.changed++;
      }
    }
  }
  const siteChanges = siteChangesOf(sites, perSite);
  return {
    base,
    stacks: {
      touched: names,
      added: names.filter((n) => !beforeByName.has(n)),
      removed: names.filter((n) => !afterByName.has(n)),
      untouched,
    },
    added,
    removed,
    changed,
    onlyAdds: removed.length === 0 && changed.length === 0,
    sites: siteChanges,
  };
}

/** Each site's figures before and after, with its changes by type and its physical effects. */
function siteChangesOf(
  sites: { readonly before: readonly SiteFigures[]; readonly after: readonly SiteFigures[] },
  perSite: ReadonlyMap<string, { types: Map<string, { added: number; removed: number; changed: number }>; effects: PhysicalEffects; stacks: string[] }>,
): SiteChange[] {
  const figuresBefore = new Map(sites.before.map((s) => [s.site, s]));
  const figuresAfter = new Map(sites.after.map((s) => [s.site, s]));
  const siteIds = [...new Set([...figuresBefore.keys(), ...figuresAfter.keys(), ...perSite.keys()])].sort();
  const figures = (s: SiteFigures | undefined): Figures | undefined =>
    s ? { gpus: s.gpus, itPowerKW: s.itPowerKW, facilityPowerKW: s.facilityPowerKW } : undefined;
  return siteIds.map((site): SiteChange => {
    const acc = perSite.get(site);
    const b = figures(figuresBefore.get(site));
    const a = figures(figuresAfter.get(site));
    return {
      site,
      ...(b ? { before: b } : {}),
      ...(a ? { after: a } : {}),
      types: [...(acc?.types ?? [])].map(([type, t]) => ({ type, ...t })).sort((x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : 0)),
      effects: acc?.effects ?? EMPTY_EFFECTS,
      stacks: acc?.stacks ?? [],
    };
  });
}
