/**
 * Builds the site facts (`model/site-facts.ts`) of one expanded site: the program passes
 * `siteFacts(fleet, expanded)` as the inputs of its per-site component, so the engine (and with it
 * the pack) sees what the preflight gate saw.
 */
import { rackTotals } from "../inventory/expand";
import type { ExpandedSite, Fleet } from "../inventory/fleet";
import { installedItPowerKW, itPowerTerms } from "../model/installed-it-power";
import { siteRangeSet } from "../model/site-ranges";
import { rackPower } from "../model/power";
import { FACTS_VERSION, type SiteFacts } from "../model/site-facts";
import { classQueues, gpusBuilt } from "../model/kubernetes/quotas";
import { priorClaims } from "./rules/renewable";

/**
 * Builds the facts of one expanded site of `fleet`. Pure; the result is plain JSON data. The
 * certificates sites before it (in `fleet.sites` order, the file order) claimed are among them.
 */
export function siteFacts(fleet: Pick<Fleet, "operator"> & { readonly sites?: Fleet["sites"] }, expanded: ExpandedSite): SiteFacts {
  const { site, racks, blueprints } = expanded;
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const before = fleet.sites?.findIndex((e) => e.site.id === site.id) ?? -1;
  const claims = priorClaims(
    (fleet.sites ?? []).slice(0, Math.max(before, 0)).map((e) => e.site),
    site.energy,
  );
  return {
    factsVersion: FACTS_VERSION,
    siteId: site.id,
    country: site.country,
    ...(site.subdivision !== undefined ? { subdivision: site.subdivision } : {}),
    operator: { name: fleet.operator.name, country: fleet.operator.country },
    energy: copy(site.energy),
    ...(claims.length > 0 ? { priorClaims: claims } : {}),
    facility: {
      gridConnectionMW: site.facility.gridConnectionMW,
      designPue: site.facility.designPue,
      ...(site.facility.heatReuse ? { heatReuse: copy(site.facility.heatReuse) } : {}),
    },
    itPowerKW: installedItPowerKW(itPowerTerms(rackTotals(racks).itPowerKW, site)),
    rackTypes: site.rackTypes.map((t) => ({
      id: t.id,
      racks: racks.filter((r) => r.type.id === t.id).length,
      ...rackPower(t, blueprints),
      redundancy: t.redundancy,
    })),
    storage: site.storage.map((s) => ({ id: s.id, replicas: copy(s.replicas), backups: copy(s.backups) })),
    network: siteRangeSet(site.network),
    tenants: site.tenants.map((t) => ({ id: t.id, class: t.class })),
    gpus: gpusBuilt(site, expanded.nodes).map((b) => ({ blueprint: b.blueprint, built: b.gpus })),
    queues: classQueues(site).map((q) => ({ class: q.class, quotas: q.quotas.map((f) => ({ blueprint: f.blueprint, gpus: f.gpus })) })),
    ...insecureBmcs(expanded),
  };
}

/** The BMCs the inventory marks insecure (no TLS verification), when there are any. */
function insecureBmcs(expanded: ExpandedSite): Pick<SiteFacts, "insecureBmcs"> {
  const insecure = expanded.nodes.filter((n) => n.bmc.tls !== undefined && "insecure" in n.bmc.tls).map((n) => ({ hostname: n.hostname, bmc: n.bmc.url }));
  return insecure.length > 0 ? { insecureBmcs: insecure } : {};
}
