/** The one rounding of figures shown to people: kW, MWh and budgets to one decimal. */

/** `x` rounded to one decimal: 143.7602 → 143.8. */
export function roundTenth(x: number): number {
  return Math.round(x * 10) / 10;
}
