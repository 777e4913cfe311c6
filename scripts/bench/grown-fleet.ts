/**
 * A copy of a fleet grown by a factor, the way a fleet grows: racks appended to each hall up to
 * the racks a hall's address block holds (or its compute fabric is wired for, `fabricRacks`), then new halls
 * after the last one. Nothing existing is
 * renamed or renumbered. A compute fabric of radix-64 switches cannot join riga-1's leaves once it
 * grows (at most 64 spine groups), so a grown site's radix-64 compute fabric gets radix-128
 * switches, as an operator would order them, and each site's grid connection grows by the factor.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";

const count = (run: unknown) => Number((run as YAMLMap).get("count"));
const end = (run: unknown) => Number((run as YAMLMap).get("from")) + count(run) - 1;

/** Copies `source` into a temporary directory, each site grown by `factor` (1.1: 10 % more racks); returns the directory. */
export function grownFleet(source: string, factor: number): string {
  const dir = mkdtempSync(join(tmpdir(), "gigafactory-grown-"));
  cpSync(source, dir, { recursive: true });
  for (const file of readdirSync(join(dir, "sites"))) {
    const path = join(dir, "sites", file);
    const doc = parseDocument(readFileSync(path, "utf8"));
    const halls = doc.get("halls") as YAMLSeq;
    const perHall = Number(doc.getIn(["network", "addressing", "racksPerHall"]) ?? 512);
    if (!isSeq(halls)) continue;
    let extra = Math.ceil(
      halls.items.reduce(
        (n: number, h) =>
          n +
          (h as YAMLMap)
            .get("racks", true)!
            .toJSON()
            .reduce((m: number, r: { count: number }) => m + r.count, 0),
        0,
      ) *
        (factor - 1),
    );
    for (const hall of halls.items) {
      const runs = isMap(hall) ? (hall.get("racks") as YAMLSeq) : undefined;
      if (!runs || runs.items.length === 0 || extra === 0) continue;
      const last = runs.items[runs.items.length - 1] as YAMLMap;
      // A hall wired for growth takes racks up to what its compute fabric is wired for (fabricRacks), not more.
      const wired = (hall as YAMLMap).get("fabricRacks");
      const room = Math.max(0, Math.min(extra, (wired === undefined ? perHall : Number(wired)) - end(last)));
      last.set("count", count(last) + room);
      extra -= room;
    }
    const template = halls.items[halls.items.length - 1] as YAMLMap;
    let number = Math.max(...halls.items.map((h) => Number((h as YAMLMap).get("number"))));
    while (extra > 0) {
      const hall = template.clone() as YAMLMap;
      number += 1;
      hall.set("id", `h${number}`);
      hall.set("number", number);
      const type = ((template.get("racks") as YAMLSeq).items[0] as YAMLMap).get("type");
      const racks = Math.min(extra, perHall);
      hall.set("racks", doc.createNode([{ type, from: 1, count: racks }], { flow: true }));
      if (hall.has("fabricRacks")) hall.set("fabricRacks", racks);
      halls.items.push(hall);
      extra -= racks;
    }
    // A grown site draws more: its grid connection grows with it, so the policies still let it build.
    doc.setIn(["facility", "gridConnectionMW"], Math.ceil(Number(doc.getIn(["facility", "gridConnectionMW"])) * factor));
    if (Number(doc.getIn(["network", "compute", "switchRadix"])) === 64) doc.setIn(["network", "compute", "switchRadix"], 128);
    writeFileSync(path, doc.toString());
  }
  return dir;
}
