/**
 * The physical quantities a resource stands for, derived from its type and properties: what a
 * reviewer needs to hear that `pulumi preview` does not say (a bare-metal node is a server powered
 * on, a switch carries cables, a rack draws power).
 */

/** Quantities by name: `servers`, `switches`, `cables`, `racks`, `nodes`, `gpus`, `kubernetesObjects`. */
export type Effects = Readonly<Record<string, number>>;

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * The effects of one resource. A switch's cables count its node ports whole and its switch ports
 * half (the other end is another switch's port), so a fabric's switches add up to its cables.
 */
export function resourceEffects(type: string, outputs: Readonly<Record<string, unknown>>): Effects | undefined {
  if (type === "gigafactory:baremetal:BareMetalNode") return { servers: 1 };
  if (type === "gigafactory:network:Switch") return { switches: 1, cables: num(outputs.nodePorts) + num(outputs.switchPorts) / 2 };
  if (type === "gigafactory:site:Rack") {
    const nodes = Array.isArray(outputs.nodes) ? outputs.nodes.length : 0;
    return { racks: 1, nodes, gpus: num(outputs.accelerators), itPowerKW: num(outputs.drawKW) };
  }
  if (type.startsWith("kubernetes:")) return { kubernetesObjects: 1 };
  return undefined;
}
