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
 * - Nothing counts twice: a certificate already counted for one supply does not count again, and
 *   the covered energy is capped at the demand.
 */
import { certificateKey, type Supply, type SupplyKind, type Technology } from "../../inventory/schema/energy";
import type { SiteFacts } from "../../model/site-facts";

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
  /** Covered share of the demand, 0–1 (REF). */
  readonly share: number;
  readonly supplies: readonly SupplyEvidence[];
}

/** Accounts for the renewable energy of a site's energy figures. */
export function accountRenewables(energy: SiteFacts["energy"]): RenewableAccount {
  const counted = new Map<string, number>();
  const byKind = { goo: 0, ppa: 0, onsite: 0 };
  const supplies = energy.supply.map((s, index): SupplyEvidence => {
    const reason = exclusion(s, index, counted);
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
  return { demandMWh: energy.annualDemandMWh, byKind, evidencedMWh, coveredMWh, share: coveredMWh / energy.annualDemandMWh, supplies };
}

/** Why a supply does not count, or undefined when it does. */
function exclusion(s: Supply, index: number, counted: ReadonlyMap<string, number>): string | undefined {
  const label = `supply[${index}] (${s.kind}, ${s.technology})`;
  if (s.kind === "grid") return `${label} is grid supply, which never counts`;
  if (!RENEWABLE_TECHNOLOGIES.has(s.technology)) return `${label} is not renewable`;
  // Before anything else that counts: energy whose certificate was already counted is not counted again.
  const repeated = s.goo?.certificates.find((c) => counted.has(certificateKey(c)));
  if (repeated !== undefined) return `${label} repeats certificate ${repeated} of supply[${counted.get(certificateKey(repeated))}]`;
  if (s.kind === "onsite") return undefined;
  if (!s.goo) return `${label} has no Guarantees of Origin`;
  if (!s.goo.cancelled) return `${label} has Guarantees of Origin that were not cancelled`;
  if (s.goo.certificates.length === 0) return `${label} lists no certificate ids`;
  return undefined;
}
