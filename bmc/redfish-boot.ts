/**
 * A one-time boot override over Redfish: PXE, UEFI HTTP (with the boot URI when given), or virtual
 * media (the image inserted into the BMC's CD/DVD device with `InsertMedia`, then `Cd` once). UEFI
 * mode where the BMC offers it (`BootSourceOverrideMode`). Idempotent: what is already set is not
 * written again, and the result says whether anything changed.
 */
import type { BootFromResult, BootSource } from "./provisioning";
import type { RedfishClient, RedfishObject } from "./redfish";
import { bootModesOf, resolveSystem } from "./redfish-inspect";

const TARGETS: Record<BootSource["kind"], string> = { pxe: "Pxe", "uefi-http": "UefiHttp", "virtual-media": "Cd" };

/** Sets the boot override of the system behind `client` for `source`. */
export async function bootFromRedfish(client: RedfishClient, source: BootSource): Promise<BootFromResult> {
  const path = await resolveSystem(client);
  const system = (await client.get(path)).body;
  const boot = (system.Boot ?? {}) as RedfishObject;
  const modes = bootModesOf(boot);
  const mode = modes === undefined ? undefined : modes.includes("uefi") ? ("uefi" as const) : modes.includes("legacy") ? ("legacy" as const) : undefined;
  let changed = false;
  if (source.kind === "virtual-media") changed = await insertMedia(client, system, source.imageUrl);
  const wanted: Record<string, string> = { BootSourceOverrideTarget: TARGETS[source.kind], BootSourceOverrideEnabled: "Once" };
  if (mode === "uefi") wanted.BootSourceOverrideMode = "UEFI";
  if (source.kind === "uefi-http" && source.url !== undefined) wanted.HttpBootUri = source.url;
  const allowed = boot["BootSourceOverrideTarget@Redfish.AllowableValues"];
  if (Array.isArray(allowed) && !allowed.includes(wanted.BootSourceOverrideTarget)) {
    throw client.fail(`does not offer the boot target ${wanted.BootSourceOverrideTarget} on ${path}; it offers ${allowed.join(", ")}`, "refused");
  }
  if (!alreadySet(boot, wanted)) {
    await client.patch(path, { Boot: wanted });
    changed = true;
  }
  return { bmc: client.url, protocol: "redfish", source: source.kind, changed, ...(mode === undefined ? {} : { mode }) };
}

/**
 * Whether the override already asks for `wanted`: same target, mode and URI, enabled once (or
 * continuously, which boots from it as well; some BMCs report nothing else).
 */
function alreadySet(boot: RedfishObject, wanted: Readonly<Record<string, string>>): boolean {
  const enabled = boot.BootSourceOverrideEnabled;
  if (enabled !== "Once" && enabled !== "Continuous") return false;
  return Object.entries(wanted).every(([k, v]) => k === "BootSourceOverrideEnabled" || boot[k] === v);
}

/** Inserts `imageUrl` into the CD/DVD virtual media device (ejecting another image first); false when it was already in. */
async function insertMedia(client: RedfishClient, system: RedfishObject, imageUrl: string): Promise<boolean> {
  const device = await cdDevice(client, system);
  const body = device.body;
  if (body.Inserted === true && body.Image === imageUrl) return false;
  const actions = (body.Actions ?? {}) as Record<string, { target?: unknown } | undefined>;
  const target = (name: string): string => {
    const t = actions[`#VirtualMedia.${name}`]?.target;
    return typeof t === "string" ? t : `${device.path}/Actions/VirtualMedia.${name}`;
  };
  if (body.Inserted === true || (typeof body.Image === "string" && body.Image !== "")) await client.post(target("EjectMedia"), {});
  await client.post(target("InsertMedia"), { Image: imageUrl, Inserted: true, WriteProtected: true });
  return true;
}

/** The virtual media device that takes a CD or DVD: under the system, else under its manager. */
async function cdDevice(client: RedfishClient, system: RedfishObject): Promise<{ path: string; body: RedfishObject }> {
  let collection = link(system.VirtualMedia);
  if (collection === undefined) {
    const manager = link(((system.Links as RedfishObject | undefined)?.ManagedBy as unknown[] | undefined)?.[0]);
    if (manager !== undefined) collection = link((await client.get(manager)).body.VirtualMedia);
  }
  if (collection === undefined) throw client.fail("offers no virtual media (no VirtualMedia under the system or its manager)", "refused");
  const members = ((await client.get(collection)).body.Members ?? []) as unknown[];
  for (const m of members) {
    const path = link(m);
    if (path === undefined) continue;
    const body = (await client.get(path)).body;
    const types = Array.isArray(body.MediaTypes) ? body.MediaTypes : [];
    if (types.includes("CD") || types.includes("DVD")) return { path, body };
  }
  throw client.fail(`offers no CD or DVD virtual media device in ${collection}`, "refused");
}

function link(v: unknown): string | undefined {
  const id = (v as { "@odata.id"?: unknown } | null | undefined)?.["@odata.id"];
  return typeof id === "string" ? id : undefined;
}
