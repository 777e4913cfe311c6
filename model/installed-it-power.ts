/**
 * Installed IT power demand (PDIT, Delegated Regulation (EU) 2024/1364 Art. 2 and Annex II): the
 * nominal power demand of the servers, storage and network equipment installed in the computer
 * room. The one home of the formula; the site facts (and with them the EU reporting threshold of
 * the rules) and `gigafactory report eed` both use it.
 *
 * PDIT = Σ racks (Σ nodes × blueprint.powerKW + rack.overheadKW) + Σ storage[i].powerKW + reporting.networkPowerKW
 *
 * The racks come from the ledger (their nodes and everything else in them: ToR and NVLink
 * switches); storage systems and network equipment outside the racks are declared.
 */
import { roundTenth } from "./round";

/** The terms of the formula, in kW. */
export interface ItPowerTerms {
  /** Σ of the draw of every rack of the ledger. */
  readonly racksKW: number;
  /** Σ of the storage systems' declared power. */
  readonly storageKW: number;
  /** Network equipment outside the racks. */
  readonly networkKW: number;
}

/** The installed IT power demand, kW to one decimal. */
export function installedItPowerKW(terms: ItPowerTerms): number {
  return roundTenth(terms.racksKW + terms.storageKW + terms.networkKW);
}

/** The terms of a site: its racks' draw (already summed from the ledger), its storage systems and its network. */
export function itPowerTerms(
  racksKW: number,
  site: {
    readonly storage: readonly { readonly powerKW?: number | undefined }[];
    readonly reporting?: { readonly networkPowerKW?: number | undefined } | undefined;
  },
): ItPowerTerms {
  return {
    racksKW,
    storageKW: site.storage.reduce((kw, s) => kw + (s.powerKW ?? 0), 0),
    networkKW: site.reporting?.networkPowerKW ?? 0,
  };
}
