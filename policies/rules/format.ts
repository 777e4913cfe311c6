/** Number formatting for violation messages and reports, so every face prints the same text. */
import { roundTenth } from "../../model/round";

/**
 * A share as a percentage, rounded down to one decimal, so that a share just below a threshold
 * never prints as the threshold itself: 0.9996 → `99.9%`.
 */
export function formatShare(share: number): string {
  return `${Math.floor(share * 1000 + 1e-9) / 10}%`;
}

/** A configured threshold as a percentage, rounded to one decimal: 0.75 → `75%`. */
export function formatThreshold(threshold: number): string {
  return `${Math.round(threshold * 1000) / 10}%`;
}

/** Energy in MWh, rounded to one decimal: `765000 MWh`. */
export function formatMWh(mwh: number): string {
  return `${roundTenth(mwh)} MWh`;
}

/** A ratio such as a PUE, rounded to three decimals: `1.15`. */
export function formatRatio(value: number): string {
  return `${Math.round(value * 1000) / 1000}`;
}
