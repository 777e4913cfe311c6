/**
 * Hardware facts from IPMI FRU (`ipmitool fru print 0`): the fallback when a node's BMC answers no
 * Redfish. FRU says who made the board, the product and the chassis, with serial numbers; it says
 * nothing about GPUs, memory or NICs, so those facts stay undefined (not verified), never zero.
 */
import type { HardwareFacts } from "./provisioning";

/** The `Key : value` fields of one FRU device as ipmitool prints them. */
export function parseFruFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Za-z][A-Za-z /#().-]*?)\s*:\s*(.*?)\s*$/.exec(line);
    if (m && m[2] !== "" && !fields.has(m[1]!)) fields.set(m[1]!, m[2]!);
  }
  return fields;
}

/** The facts `ipmitool fru print 0` gives about a node. */
export function factsFromFru(bmc: string, text: string): HardwareFacts {
  const f = parseFruFields(text);
  const get = (...keys: string[]) => keys.map((k) => f.get(k)).find((v) => v !== undefined);
  const chassisSerial = get("Chassis Serial");
  const chassisModel = get("Chassis Part Number", "Chassis Type");
  const facts: Record<string, unknown> = {
    bmc,
    source: "ipmi",
    manufacturer: get("Product Manufacturer", "Board Mfg"),
    model: get("Product Name", "Board Product"),
    serialNumber: get("Product Serial", "Board Serial"),
    chassis: chassisSerial === undefined && chassisModel === undefined ? undefined : strip({ id: "0", model: chassisModel, serialNumber: chassisSerial }),
  };
  return strip(facts) as unknown as HardwareFacts;
}

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
