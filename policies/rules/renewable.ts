/**
 * Renewable energy accounting: which supplies count as evidenced renewable energy, and how much of
 * the demand they cover (Directive (EU) 2023/1791 Art. 12 and Delegated Regulation (EU) 2024/1364:
 * ERES-TOT = ERES-GOO + ERES-PPA + ERES-OS).
 *
 * - On-site renewable generation counts directly.
 * - GoO and PPA volumes count only with Guarantees of Origin cancelled for the data centre's
 *   consumption (Directive (EU) 2018/2001 Art. 19), evidenced by at least one certificate or
 *   cancellation statement id.
 * - Only renewable technologies count (Directive (EU) 2018/2001 Art. 2(1)); grid supply never does.
 * - On-site generation whose Guarantees of Origin were not cancelled for the site (sold to someone
 *   else: `goo.cancelled: false`) does not count: the buyer claims it.
 * - Nothing counts twice: a certificate already claimed (by an earlier supply of the site, or by a
 *   site before it in file order) does not count again, and the covered energy is capped at the
 *   demand, kind by kind (on-site first, then PPAs, then unbundled GoOs), so the kinds add up.
 */
import { certificateKey, type Supply, type SupplyKind, type Technology } from "../../inventory/schema/energy";
import type { PriorClaim, SiteFacts } from "../../model/site-facts";

/** Technologies that are renewable energy sources. */
export const RENEWABLE_TECHNOLOGIES: ReadonlySet<Technology> = new Set(["wind", "solar", "hydro", "biomass", "geothermal"]);

/** One supply line as an auditor reads it. */
export interface SupplyEvidence {
  /** Index in `energy.supply`. */
  readonly index: number;
  readonly kind: SupplyKind;
  readonly technology: Technology;
  readonly annualMWh: number;
  readonly counterparty?: string;
  readonly registry?: string;
  readonly certificates: readonly string[];
  /** MWh counted as evidenced renewable energy (0 when the supply does not count). */
  readonly countedMWh: number;
  /** Why the supply does not count, e.g. `supply[1] (onsite, nuclear) is not renewable`. */
  readonly reason?: string;
}

/** How much of the demand evidenced renewable energy covers. */
export interface RenewableAccount {
  readonly demandMWh: number;
  /** ERES-GOO, ERES-PPA, ERES-OS: counted energy by kind, before the cap. */
  readonly byKind: { readonly goo: number; readonly ppa: number; readonly onsite: number };
  /** Sum of the counted energy, before the cap. */
  readonly evidencedMWh: number;
  /** ERES-TOT: the counted energy, capped at the demand. */
  readonly coveredMWh: number;
  /** ERES-GOO, ERES-PPA, ERES-OS after the cap (on-site first, then PPAs, then GoOs): they add up to `coveredMWh`. */
  readonly coveredByKind: { readonly goo: number; readonly ppa: number; readonly onsite: number };
  /** Covered share of the demand, 0–1 (REF). */
  readonly share: number;
  readonly supplies: readonly SupplyEvidence[];
}

/**
 * Accounts for the renewable energy of a site's energy figures; `prior` are the certificates sites
 * before it claimed (`SiteFacts.priorClaims`).
 */
export function accountRenewables(energy: SiteFacts["energy"], prior: readonly PriorClaim[] = []): RenewableAccount {
  const counted = new Map<string, number>();
  const byKind = { goo: 0, ppa: 0, onsite: 0 };
  const claimedBefore = new Map(prior.map((p) => [certificateKey(p.certificate), p.claimedBy]));
  const supplies = energy.supply.map((s, index): SupplyEvidence => {
    const reason = exclusion(s, index, counted, claimedBefore);
    const countedMWh = reason === undefined ? s.annualMWh : 0;
    if (reason === undefined) {
      for (const c of s.goo?.certificates ?? []) if (!counted.has(certificateKey(c))) counted.set(certificateKey(c), index);
      if (s.kind === "goo" || s.kind === "ppa" || s.kind === "onsite") byKind[s.kind] += countedMWh;
    }
    return {
      index,
      kind: s.kind,
      technology: s.technology,
      annualMWh: s.annualMWh,
      ...(s.counterparty !== undefined ? { counterparty: s.counterparty } : {}),
      ...(s.goo ? { registry: s.goo.registry } : {}),
      certificates: s.goo?.certificates ?? [],
      countedMWh,
      ...(reason !== undefined ? { reason } : {}),
    };
  });
  const evidencedMWh = byKind.goo + byKind.ppa + byKind.onsite;
  const coveredMWh = Math.min(evidencedMWh, energy.annualDemandMWh);
  const onsite = Math.min(byKind.onsite, energy.annualDemandMWh);
  const ppa = Math.min(byKind.ppa, energy.annualDemandMWh - onsite);
  const coveredByKind = { onsite, ppa, goo: coveredMWh - onsite - ppa };
  return { demandMWh: energy.annualDemandMWh, byKind, evidencedMWh, coveredMWh, coveredByKind, share: coveredMWh / energy.annualDemandMWh, supplies };
}

/** A certificate claimed a second time: which supply of the site claims it, and who claimed it first. */
export interface DoubleClaim {
  readonly supply: number;
  /** Index in the supply's `goo.certificates`. */
  readonly index: number;
  readonly certificate: string;
  readonly claimedBy: string;
}

/** Where a claim stands, as messages name it: `site [riga-1] energy.supply[0]`. */
function claimName(siteId: string, supply: number): string {
  return `site [${siteId}] energy.supply[${supply}]`;
}

/** The certificates `energy` claims that one of `earlier` (sites before it, in file order) claimed first. */
export function priorClaims(earlier: readonly { readonly id: string; readonly energy: SiteFacts["energy"] }[], energy: SiteFacts["energy"]): PriorClaim[] {
  const first = new Map<string, string>();
  for (const site of earlier)
    site.energy.supply.forEach((s, i) => {
      for (const c of s.goo?.certificates ?? []) if (!first.has(certificateKey(c))) first.set(certificateKey(c), claimName(site.id, i));
    });
  return energy.supply.flatMap((s, supply) =>
    (s.goo?.certificates ?? []).flatMap((certificate) => {
      const claimedBy = first.get(certificateKey(certificate));
      return claimedBy === undefined ? [] : [{ certificate: certificate.trim(), supply, claimedBy }];
    }),
  );
}

/** Every claim of the site after the first of its certificate: by a site before it, or an earlier supply of its own. */
export function doubleClaims(facts: Pick<SiteFacts, "siteId" | "energy" | "priorClaims">): DoubleClaim[] {
  const first = new Map((facts.priorClaims ?? []).map((p) => [certificateKey(p.certificate), p.claimedBy]));
  const found: DoubleClaim[] = [];
  facts.energy.supply.forEach((s, supply) => {
    (s.goo?.certificates ?? []).forEach((certificate, index) => {
      const key = certificateKey(certificate);
      const claimedBy = first.get(key);
      if (claimedBy !== undefined) found.push({ supply, index, certificate: certificate.trim(), claimedBy });
      else first.set(key, claimName(facts.siteId, supply));
    });
  });
  return found;
}

/** Why a supply does not count, or undefined when it does. */
function exclusion(s: Supply, index: number, counted: ReadonlyMap<string, number>, claimedBefore: ReadonlyMap<string, string>): string | undefined {
  const label = `supply[${index}] (${s.kind}, ${s.technology})`;
  if (s.kind === "grid") return `${label} is grid supply, which never counts`;
  if (!RENEWABLE_TECHNOLOGIES.has(s.technology)) return `${label} is not renewable`;
  // Before anything else that counts: energy whose certificate was already counted is not counted again.
  const elsewhere = s.goo?.certificates.find((c) => claimedBefore.has(certificateKey(c)));
  if (elsewhere !== undefined) return `${label} claims certificate ${elsewhere.trim()}, already claimed by ${claimedBefore.get(certificateKey(elsewhere))}`;
  const repeated = s.goo?.certificates.find((c) => counted.has(certificateKey(c)));
  if (repeated !== undefined) return `${label} repeats certificate ${repeated} of supply[${counted.get(certificateKey(repeated))}]`;
  if (s.kind === "onsite" && s.goo && !s.goo.cancelled)
    return `${label} is on-site generation whose Guarantees of Origin were not cancelled for the site (sold)`;
  if (s.kind === "onsite") return undefined;
  if (!s.goo) return `${label} has no Guarantees of Origin`;
  if (!s.goo.cancelled) return `${label} has Guarantees of Origin that were not cancelled`;
  if (s.goo.certificates.length === 0) return `${label} lists no certificate ids`;
  return undefined;
}
