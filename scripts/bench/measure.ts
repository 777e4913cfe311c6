/** Small timing helpers for the benchmark children: each child measures one thing and prints `name: value` lines. */

/** Milliseconds taken by `fn`. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median of the values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Prints one figure as `name: value`, rounded to what the figure means. */
export function figure(name: string, value: number, decimals = 1): void {
  console.log(`${name}: ${value.toFixed(decimals)}`);
}
