/**
 * Metered data: one CSV per site and calendar year of monthly figures, referenced from the site's
 * `reporting.metering` and read by the loader. Every problem is located (`FILE:LINE:COL: column:
 * message`) like the rest of the inventory's; bad input never throws.
 *
 * The format (README, "Metered data"): `#` starts a comment line; the first other line is the
 * header; then one row per month of the year, `YYYY-MM`, each month once. Columns, in any order:
 *
 * | column | unit | meaning (Delegated Regulation (EU) 2024/1364 name) |
 * | --- | --- | --- |
 * | `month` | YYYY-MM | the month the row covers |
 * | `total_mwh` | MWh | total energy consumption of the data centre (EDC) |
 * | `it_mwh` | MWh | energy consumption of the IT equipment (EIT), part of the total |
 * | `backup_generator_mwh` | MWh | energy from backup generators, part of the total |
 * | `supply_<i>_mwh` | MWh | energy delivered under `energy.supply[i]` of the site file (its kind, technology and Guarantees of Origin); one column per supply |
 * | `water_m3` | m³ | water input (WIN) |
 * | `potable_water_m3` | m³ | potable water input (WIN-POT), part of WIN |
 * | `reused_heat_mwh` | MWh | heat delivered for reuse at the handover point (EREUSE) |
 * | `traffic_in_tb`, `traffic_out_tb` | TB | incoming and outgoing data traffic |
 * | `data_stored_tb` | TB | data stored at the end of the month |
 * | `data_processed_tb` | TB | data processed in the month |
 */
import { readFileSync } from "node:fs";
import type { Problem } from "./problem";
import type { YearGuarantees } from "./schema/reporting";

/** The columns every file has besides one `supply_<i>_mwh` per supply, in the order the README lists them. */
export const METERED_COLUMNS = [
  "total_mwh",
  "it_mwh",
  "backup_generator_mwh",
  "water_m3",
  "potable_water_m3",
  "reused_heat_mwh",
  "traffic_in_tb",
  "traffic_out_tb",
  "data_stored_tb",
  "data_processed_tb",
] as const;
/** A figure column. */
export type MeteredColumn = (typeof METERED_COLUMNS)[number];

/** The column of `energy.supply[i]`. */
export function supplyColumn(index: number): string {
  return `supply_${index}_mwh`;
}

/** One month of a file. */
export interface MeteredMonth {
  /** `2025-03`. */
  readonly month: string;
  /** Line of the row in the file. */
  readonly line: number;
  readonly values: Readonly<Record<MeteredColumn, number>>;
  /** The 1-based column of each cell of the row, by column name. */
  readonly at: Readonly<Record<string, number>>;
  /** Energy delivered under each `energy.supply[i]`. */
  readonly supplyMWh: readonly number[];
}

/** A valid file: twelve months of one year. */
export interface MeteredYear {
  readonly year: number;
  /** The file as reports show it. */
  readonly file: string;
  /** Line of the header, and 1-based column of each column's header cell. */
  readonly headerLine: number;
  readonly columns: Readonly<Record<string, number>>;
  /** January to December. */
  readonly months: readonly MeteredMonth[];
  /** The year's Guarantees of Origin per supply (`reporting.metering[i].guarantees`), which replace the site file's. */
  readonly guarantees: readonly YearGuarantees[];
}

/** What reading a file found: the year when it is valid, and every problem. */
export interface MeteringRead {
  readonly metered?: MeteredYear;
  readonly problems: readonly Problem[];
}

/** A non-negative decimal number, as the files write them (no exponent, no thousands separator). */
const NUMBER = /^\d+(\.\d+)?$/;

/** One CSV line split into cells with the 1-based column each starts at. */
function cells(text: string): { value: string; column: number }[] {
  const out: { value: string; column: number }[] = [];
  let column = 1;
  for (const raw of text.split(",")) {
    const lead = raw.length - raw.trimStart().length;
    out.push({ value: raw.trim(), column: column + lead });
    column += raw.length + 1;
  }
  return out;
}

/**
 * Parses and checks the text of a metering file for `year`, for a site with `supplies` supply
 * lines. `file` is the name problems show.
 */
export function parseMetering(file: string, text: string, year: number, supplies: number): MeteringRead {
  const problems: Problem[] = [];
  const at = (line: number, column: number, path: string, message: string) => problems.push({ file, line, column, path, message });
  const lines = text.split(/\r?\n/).map((t, i) => ({ text: t, line: i + 1 }));
  const content = lines.filter((l) => l.text.trim() !== "" && !l.text.trimStart().startsWith("#"));
  const header = content[0];
  if (!header) {
    at(1, 1, "", "the file has no header line (month,total_mwh,…)");
    return { problems };
  }
  const expected = ["month", ...METERED_COLUMNS, ...Array.from({ length: supplies }, (_, i) => supplyColumn(i))];
  const columns: Record<string, number> = {};
  const order: string[] = [];
  for (const c of cells(header.text)) {
    if (columns[c.value] !== undefined) at(header.line, c.column, c.value, `column ${c.value} appears twice`);
    else if (!expected.includes(c.value)) at(header.line, c.column, c.value, unknownColumn(c.value, supplies));
    columns[c.value] ??= c.column;
    order.push(c.value);
  }
  const missing = expected.filter((c) => columns[c] === undefined);
  if (missing.length > 0) at(header.line, 1, "", `the header lacks ${missing.length === 1 ? "column" : "columns"} ${missing.join(", ")}`);
  if (problems.length > 0) return { problems };

  const months = new Map<string, MeteredMonth>();
  let badRows = 0;
  for (const row of content.slice(1)) {
    const parsed = parseRow(row, order, { year, supplies, at });
    if (!parsed) {
      badRows++;
      continue;
    }
    const cell = cells(row.text)[0]!;
    const seen = months.get(parsed.month);
    if (seen) at(row.line, cell.column, "month", `month ${parsed.month} appears twice (also on line ${seen.line})`);
    else months.set(parsed.month, parsed);
  }
  const absent = Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}`).filter((m) => !months.has(m));
  // A row with a problem is not counted as missing too: its own problem says what is wrong.
  if (absent.length > 0 && badRows === 0) {
    const last = content.at(-1)!;
    at(last.line, 1, "month", `the year ${year} lacks ${absent.length === 1 ? "month" : "months"} ${absent.join(", ")}`);
  }
  if (problems.length > 0) return { problems };
  const sorted = [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
  return { metered: { year, file, headerLine: header.line, columns, months: sorted, guarantees: [] }, problems };
}

function unknownColumn(name: string, supplies: number): string {
  const supply = /^supply_(\d+)_mwh$/.exec(name);
  if (supply) return `column ${name} names energy.supply[${supply[1]}], but the site has ${supplies === 1 ? "1 supply" : `${supplies} supplies`}`;
  return `unknown column ${name}`;
}

/** What checking a row needs. */
interface RowContext {
  readonly year: number;
  readonly supplies: number;
  readonly at: (line: number, column: number, path: string, message: string) => void;
}

/** One row, or undefined when it has a problem (reported through `at`). */
function parseRow(row: { text: string; line: number }, order: readonly string[], { year, supplies, at }: RowContext): MeteredMonth | undefined {
  const found = cells(row.text);
  if (found.length !== order.length) {
    at(row.line, 1, "", `the row has ${found.length} fields, the header ${order.length}`);
    return undefined;
  }
  const values: Record<string, number> = {};
  let month = "";
  let ok = true;
  found.forEach((c, i) => {
    const name = order[i]!;
    if (name === "month") {
      month = c.value;
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(c.value)) ok = fail(at, row.line, c.column, name, `"${c.value}" is not a month (YYYY-MM)`);
      else if (!c.value.startsWith(`${year}-`)) ok = fail(at, row.line, c.column, name, `month ${c.value} is outside the file's year ${year}`);
    } else if (!NUMBER.test(c.value)) {
      ok = fail(
        at,
        row.line,
        c.column,
        name,
        c.value === "" ? "no value; every figure is metered (write 0 for none)" : `"${c.value}" is not a non-negative number`,
      );
    } else {
      values[name] = Number(c.value);
    }
  });
  if (!ok) return undefined;
  const columnOf = (name: string) => found[order.indexOf(name)]!.column;
  const supplyMWh = Array.from({ length: supplies }, (_, i) => values[supplyColumn(i)]!);
  const v = values as Record<MeteredColumn, number>;
  const part = (name: MeteredColumn, of: MeteredColumn, what: string) => {
    if (v[name] > v[of]) ok = fail(at, row.line, columnOf(name), name, `${name} ${v[name]} exceeds ${of} ${v[of]}; ${what}`);
  };
  part("it_mwh", "total_mwh", "IT energy is part of the total");
  part("backup_generator_mwh", "total_mwh", "backup generation is part of the total");
  part("potable_water_m3", "water_m3", "potable water is part of the water input");
  const delivered = supplyMWh.reduce((a, b) => a + b, 0);
  if (supplies > 0 && delivered > v.total_mwh + 1e-9) {
    ok = fail(at, row.line, columnOf(supplyColumn(0)), supplyColumn(0), `the supplies deliver ${round(delivered)} MWh, more than total_mwh ${v.total_mwh}`);
  }
  const cellsAt = Object.fromEntries(order.map((name, i) => [name, found[i]!.column]));
  return ok ? { month, line: row.line, values: v, at: cellsAt, supplyMWh } : undefined;
}

function fail(at: RowContext["at"], line: number, column: number, path: string, message: string): false {
  at(line, column, path, message);
  return false;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Reads a metering file from disk; a file that cannot be read is one problem at the reference. */
export function readMetering(path: string, shown: string, year: number, supplies: number): MeteringRead | { readonly unreadable: string } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      unreadable:
        code === "ENOENT"
          ? `no such file ${shown}`
          : code === "EISDIR"
            ? `${shown} is a directory, not a CSV file`
            : `${shown} cannot be read (${(e as Error).message})`,
    };
  }
  return parseMetering(shown, text, year, supplies);
}

/** Hours in a month of `year` (1-based `month`). */
function hoursIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate() * 24;
}

/**
 * IT energy no installed IT power can draw: a month whose `it_mwh` exceeds the installed IT power
 * demand running the whole month (kW × hours / 1000) is an error at its cell.
 */
export function checkItEnergy(metered: MeteredYear, installedItPowerKW: number): Problem[] {
  return metered.months.flatMap((m) => {
    const hours = hoursIn(metered.year, Number(m.month.slice(5)));
    const most = (installedItPowerKW * hours) / 1000;
    if (m.values.it_mwh <= most + 1e-9) return [];
    return [
      {
        file: metered.file,
        line: m.line,
        column: m.at.it_mwh!,
        path: "it_mwh",
        message: `it_mwh ${m.values.it_mwh} is more than the installed IT power of ${installedItPowerKW} kW can draw in ${m.month} (${round(most)} MWh in ${hours} h)`,
      },
    ];
  });
}
