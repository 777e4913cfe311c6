/**
 * The per-site table `gigafactory validate` ends with: site, country, GPUs by accelerator model,
 * racks, nodes, IT power and renewable share, one row per expanded site.
 */
import type { ExpandedSite } from "../../inventory/fleet";
import { accountRenewables, priorClaims } from "../../policies/rules/renewable";
import { formatShare } from "../../policies/rules/format";

/** One row of the table, also the `sites` of the JSON form. */
export interface SiteRow {
  readonly id: string;
  readonly country: string;
  /** Accelerators by model, models in alphabetical order: `{ B200: 36864, H200: 19456 }`. */
  readonly gpus: Readonly<Record<string, number>>;
  readonly racks: number;
  readonly nodes: number;
  /** IT power the racks' nodes draw, in kW, rounded to one decimal. */
  readonly itPowerKW: number;
  /** Share of the annual demand covered by evidenced renewable energy, 0–1. */
  readonly renewableShare: number;
}

/**
 * The row of one expanded site; `earlier` are the sites before it in file order, whose
 * certificates it cannot count again (as `renewable-power` judges it).
 */
export function siteRow(s: ExpandedSite, earlier: readonly ExpandedSite[] = []): SiteRow {
  const gpus = new Map<string, number>();
  for (const n of s.nodes) {
    const model = s.blueprints.get(n.blueprint)?.accelerator.model ?? n.blueprint;
    gpus.set(model, (gpus.get(model) ?? 0) + n.accelerators);
  }
  const itPowerKW = s.racks.reduce((sum, r) => sum + r.drawKW, 0);
  return {
    id: s.site.id,
    country: s.site.country,
    gpus: Object.fromEntries([...gpus].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    racks: s.racks.length,
    nodes: s.nodes.length,
    itPowerKW: Math.round(itPowerKW * 10) / 10,
    renewableShare: accountRenewables(
      s.site.energy,
      priorClaims(
        earlier.map((e) => e.site),
        s.site.energy,
      ),
    ).share,
  };
}

const HEAD = ["site", "country", "GPUs", "racks", "nodes", "IT kW", "renewable"] as const;
/** Columns whose figures align right. */
const RIGHT = new Set<number>([3, 4, 5, 6]);

/** The table as lines of text, columns padded to their widest cell. */
export function renderSiteTable(rows: readonly SiteRow[]): string[] {
  const cells = [
    [...HEAD],
    ...rows.map((r) => [
      r.id,
      r.country,
      Object.entries(r.gpus)
        .map(([model, n]) => `${n} ${model}`)
        .join(", ") || "–",
      String(r.racks),
      String(r.nodes),
      String(r.itPowerKW),
      formatShare(r.renewableShare),
    ]),
  ];
  const widths = HEAD.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) =>
    row
      .map((cell, i) => (RIGHT.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd(),
  );
}
