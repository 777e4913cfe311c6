/** Numbers and summaries as every plan format writes them: the same on every machine and locale. */
import type { PhysicalEffects } from "./diff";
import type { Figures, PlanResource } from "./types";

/** `56320` → `56,320`; one decimal at most (`1234.5` → `1,234.5`). */
export function num(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  const [whole, frac] = Math.abs(rounded).toFixed(1).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${rounded < 0 ? "-" : ""}${grouped}${frac === "0" ? "" : `.${frac}`}`;
}

/** `1 stack`, `2 stacks`. */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${num(n)} ${n === 1 ? word : plural}`;
}

/** `56,320 GPUs, IT 79,860 kW, facility 95,832 kW`. */
export function figures(f: Figures): string {
  return `${count(f.gpus, "GPU")}, IT ${num(f.itPowerKW)} kW, facility ${num(f.facilityPowerKW)} kW`;
}

/** Resources counted by type, sorted by type. */
export function byType(resources: readonly Pick<PlanResource, "type">[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A type token without its package and module: `gigafactory:network:Switch` → `Switch`, `kubernetes:core/v1:Namespace` → `Namespace`. */
export function shortType(type: string): string {
  return type.split(":").pop()!;
}

/** The physical effects in words, those that happen only: `1,152 servers powered on, 36 cables added`. */
export function effectWords(e: PhysicalEffects): string[] {
  const parts: [number, string, string][] = [
    [e.serversPoweredOn, "server powered on", "servers powered on"],
    [e.serversPoweredOff, "server powered off", "servers powered off"],
    [e.serversChanged, "server whose BMC or power command changes", "servers whose BMC or power command changes"],
    [e.racksInstalled, "rack installed", "racks installed"],
    [e.racksRemoved, "rack taken out", "racks taken out"],
    [e.switchesInstalled, "switch installed and configured", "switches installed and configured"],
    [e.switchesRemoved, "switch taken out", "switches taken out"],
    [e.switchesReconfigured, "switch reconfigured", "switches reconfigured"],
    [e.cablesAdded, "cable added", "cables added"],
    [e.cablesRemoved, "cable removed", "cables removed"],
    [e.kubernetesObjectsCreated, "Kubernetes object created", "Kubernetes objects created"],
    [e.kubernetesObjectsDeleted, "Kubernetes object deleted", "Kubernetes objects deleted"],
    [e.kubernetesObjectsUpdated, "Kubernetes object updated", "Kubernetes objects updated"],
  ];
  return parts.filter(([n]) => n > 0).map(([n, one, many]) => `${num(n)} ${n === 1 ? one : many}`);
}
