/**
 * A node's hardware facts over Redfish, by following links from `/redfish/v1/Systems` and never
 * assuming an id: the system the URL names when the BMC has it, else the BMC's only system
 * (vendors name it `1`, `System.Embedded.1` or a serial number). From the ComputerSystem:
 * Processors (CPUs and GPUs, `ProcessorType` GPU or Accelerator), MemorySummary (else the Memory
 * collection), PCIeDevices (of the system, else of its chassis; GPUs among them when Processors
 * lists none), EthernetInterfaces with MACs, the first Chassis, boot modes and virtual media.
 */
import type { PowerState } from "./bmc";
import type { AcceleratorFact, HardwareFacts, NicFact } from "./provisioning";
import type { RedfishClient, RedfishObject } from "./redfish";

const POWER_STATES: Record<string, PowerState> = { On: "on", Off: "off", PoweringOn: "powering-on", PoweringOff: "powering-off" };
/** How many members of a collection are read at once. */
const PARALLEL = 4;
/** A PCIe device that is a GPU or accelerator, by its class or its words. */
const ACCELERATOR_CLASS = /ProcessingAccelerators|DisplayController|GPU|Accelerator|3D controller/i;

/** The system a BMC URL means: the one it names when the BMC lists it, else the BMC's only system. */
export async function resolveSystem(client: RedfishClient): Promise<string> {
  const wanted = client.systemPath;
  const members = links((await client.get("/redfish/v1/Systems")).body.Members).map((l) => client.localPath(l));
  const named = members.find((m) => m.replace(/\/$/, "") === wanted);
  if (named !== undefined) return named;
  if (members.length === 1) return members[0]!;
  const ids = members.map((m) => m.split("/").filter(Boolean).pop()).join(", ");
  throw client.fail(`has no system ${wanted.split("/").pop()} in /redfish/v1/Systems; it lists ${ids || "none"}`, "refused", 404);
}

/** Reads the hardware facts of the system behind `client`. */
export async function inspectRedfish(client: RedfishClient): Promise<HardwareFacts> {
  const path = await resolveSystem(client);
  const system = (await client.get(path)).body;
  const chassisPath = links((system.Links as RedfishObject | undefined)?.Chassis)[0];
  const [processors, memoryGiB, nics, chassis] = await Promise.all([
    members(client, system.Processors),
    memoryOf(client, system),
    members(client, system.EthernetInterfaces).then((l) => l.map(nicOf)),
    chassisPath === undefined ? undefined : client.get(chassisPath).then((r) => r.body),
  ]);
  const pcie = await members(client, system.PCIeDevices ?? chassis?.PCIeDevices);
  const cpus = processors.filter((p) => p.ProcessorType === undefined || p.ProcessorType === "CPU");
  const gpus = processors.filter((p) => p.ProcessorType === "GPU" || p.ProcessorType === "Accelerator");
  const accelerators: AcceleratorFact[] = (gpus.length > 0 ? gpus : pcie.filter(isAccelerator)).map((g) => ({ id: str(g.Id) ?? "?", model: modelOf(g) }));
  const summary = system.ProcessorSummary as RedfishObject | undefined;
  const cpuCount = cpus.length > 0 ? cpus.length : num(summary?.Count);
  const boot = (system.Boot ?? {}) as RedfishObject;
  return strip({
    bmc: client.url,
    source: "redfish",
    systemId: str(system.Id) ?? path.split("/").pop(),
    manufacturer: str(system.Manufacturer),
    model: str(system.Model),
    serialNumber: str(system.SerialNumber),
    uuid: str(system.UUID),
    powerState: POWER_STATES[str(system.PowerState) ?? ""],
    cpus: cpuCount === undefined ? undefined : strip({ count: cpuCount, model: str(cpus[0]?.Model) ?? str(summary?.Model) }),
    memoryGiB,
    accelerators: processors.length > 0 || pcie.length > 0 ? accelerators : undefined,
    nics: system.EthernetInterfaces === undefined ? undefined : nics,
    chassis: chassis === undefined ? undefined : strip({ id: str(chassis.Id) ?? "?", model: str(chassis.Model), serialNumber: str(chassis.SerialNumber) }),
    bootModes: bootModesOf(boot),
    virtualMedia: system.VirtualMedia !== undefined ? true : undefined,
  }) as HardwareFacts;
}

/** The modes `Boot.BootSourceOverrideMode` offers: its allowable values, else the one it reports. */
export function bootModesOf(boot: RedfishObject): ("uefi" | "legacy")[] | undefined {
  const allowed = boot["BootSourceOverrideMode@Redfish.AllowableValues"];
  const raw = Array.isArray(allowed) ? allowed : typeof boot.BootSourceOverrideMode === "string" ? [boot.BootSourceOverrideMode] : undefined;
  if (raw === undefined) return undefined;
  const modes = raw.map((m) => (m === "UEFI" ? "uefi" : m === "Legacy" ? "legacy" : undefined)).filter((m) => m !== undefined);
  return [...new Set(modes)];
}

/** The members of the collection `link` points at, read a few at a time; a missing collection (404) is empty. */
async function members(client: RedfishClient, link: unknown): Promise<RedfishObject[]> {
  const paths = await collectionPaths(client, link);
  const out: RedfishObject[] = [];
  for (let i = 0; i < paths.length; i += PARALLEL) {
    out.push(...(await Promise.all(paths.slice(i, i + PARALLEL).map((p) => client.get(p).then((r) => r.body)))));
  }
  return out;
}

async function collectionPaths(client: RedfishClient, link: unknown): Promise<string[]> {
  // Older schemas list PCIeDevices as an array of links on the system itself.
  if (Array.isArray(link)) return links(link);
  const path = links([link])[0];
  if (path === undefined) return [];
  try {
    return links((await client.get(path)).body.Members);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return [];
    throw e;
  }
}

/** Total memory: MemorySummary, else the sum of the Memory collection's CapacityMiB. */
async function memoryOf(client: RedfishClient, system: RedfishObject): Promise<number | undefined> {
  const summary = num((system.MemorySummary as RedfishObject | undefined)?.TotalSystemMemoryGiB);
  if (summary !== undefined) return summary;
  const dimms = await members(client, system.Memory);
  const mib = dimms.map((d) => num(d.CapacityMiB)).filter((n) => n !== undefined);
  return mib.length === 0 ? undefined : mib.reduce((a, b) => a + b, 0) / 1024;
}

function nicOf(n: RedfishObject): NicFact {
  const mac = str(n.MACAddress) ?? str(n.PermanentMACAddress);
  const mbps = num(n.SpeedMbps);
  return strip({ id: str(n.Id) ?? "?", mac: mac?.toLowerCase().replace(/-/g, ":"), speedGbps: mbps === undefined ? undefined : mbps / 1000 }) as NicFact;
}

function isAccelerator(d: RedfishObject): boolean {
  const functions = d.PCIeFunctions as { DeviceClass?: unknown }[] | undefined;
  const words = [d.DeviceClass, d.Name, d.Model, d.Description, ...(Array.isArray(functions) ? functions.map((f) => f.DeviceClass) : [])];
  return words.some((w) => typeof w === "string" && ACCELERATOR_CLASS.test(w));
}

function modelOf(d: RedfishObject): string {
  return str(d.Model) ?? str(d.Name) ?? "unknown";
}

/** The `@odata.id` of each link in a list. */
function links(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((m) => (m as { "@odata.id"?: unknown } | null)?.["@odata.id"]).filter((id): id is string => typeof id === "string");
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** The object without its undefined properties (so facts compare and print cleanly). */
function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
