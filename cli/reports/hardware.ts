/** `gigafactory bmc inspect --format text`: a node's hardware facts, one fact a line. */
import type { HardwareFacts } from "../../bmc/provisioning";

/** The facts as aligned `name  value` lines; facts the BMC did not report say so. */
export function renderHardwareText(f: HardwareFacts): string {
  const none = "not reported";
  const gpus = f.accelerators === undefined ? none : `${f.accelerators.length}${f.accelerators.map((a) => `\n              ${a.id}  ${a.model}`).join("")}`;
  const nics =
    f.nics === undefined
      ? none
      : `${f.nics.length}${f.nics.map((n) => `\n              ${n.id}  ${n.mac ?? "no MAC"}${n.speedGbps === undefined ? "" : `  ${n.speedGbps} Gb/s`}`).join("")}`;
  const rows: [string, string][] = [
    ["BMC", `${f.bmc} (${f.source})`],
    ["system", [f.systemId, f.manufacturer, f.model].filter((x) => x !== undefined).join("  ") || none],
    ["serial", f.serialNumber ?? none],
    ["UUID", f.uuid ?? none],
    ["power", f.powerState ?? none],
    ["CPUs", f.cpus === undefined ? none : `${f.cpus.count}${f.cpus.model === undefined ? "" : ` × ${f.cpus.model}`}`],
    ["memory", f.memoryGiB === undefined ? none : `${f.memoryGiB} GiB`],
    ["GPUs", gpus],
    ["NICs", nics],
    ["chassis", f.chassis === undefined ? none : [f.chassis.id, f.chassis.model, f.chassis.serialNumber].filter((x) => x !== undefined).join("  ")],
    ["boot modes", f.bootModes === undefined ? none : f.bootModes.join(", ") || "none"],
    ["virtual media", f.virtualMedia === undefined ? none : f.virtualMedia ? "yes" : "no"],
  ];
  const lines = rows.map(([k, v]) => `${k.padEnd(14)}${v}`);
  if (f.fallbackFrom) lines.push(`${"fallback".padEnd(14)}used after: ${f.fallbackFrom.error}`);
  return `${lines.join("\n")}\n`;
}
