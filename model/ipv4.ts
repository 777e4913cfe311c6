/** IPv4 arithmetic on unsigned 32-bit integers: parsing, formatting, subnetting and overlap. */

/** An IPv4 network: its first address as an unsigned integer and its prefix length. */
export interface Ipv4Network {
  readonly base: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d` into an unsigned integer; throws on anything else. */
export function parseAddress(text: string): number {
  const parts = text.split(".");
  if (parts.length !== 4) throw new Error(`"${text}" is not an IPv4 address`);
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) throw new Error(`"${text}" is not an IPv4 address`);
    value = value * 256 + octet;
  }
  return value;
}

/** Formats an unsigned integer as `a.b.c.d`. */
export function formatAddress(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Parses `a.b.c.d/n`. The address must be the network's first address (no host bits set). */
export function parseCidr(text: string): Ipv4Network {
  const slash = text.indexOf("/");
  if (slash < 0) throw new Error(`"${text}" is not in CIDR notation`);
  const base = parseAddress(text.slice(0, slash));
  const prefix = Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`"${text}" has an invalid prefix length`);
  if (base % size({ base: 0, prefix }) !== 0)
    throw new Error(`"${text}" has host bits set; the network is ${formatCidr({ base: base - (base % size({ base: 0, prefix })), prefix })}`);
  return { base, prefix };
}

/** `a.b.c.d/n`. */
export function formatCidr(net: Ipv4Network): string {
  return `${formatAddress(net.base)}/${net.prefix}`;
}

/** Number of addresses in the network. */
export function size(net: Ipv4Network): number {
  return 2 ** (32 - net.prefix);
}

/** Last address of the network. */
export function last(net: Ipv4Network): number {
  return net.base + size(net) - 1;
}

/** Whether two networks share any address. */
export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.base <= last(b) && b.base <= last(a);
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Network, inner: Ipv4Network): boolean {
  return inner.base >= outer.base && last(inner) <= last(outer);
}

/** The `index`-th of the equal subnets of length `prefix` inside `net`. */
export function subnet(net: Ipv4Network, prefix: number, index: number): Ipv4Network {
  if (prefix < net.prefix || prefix > 32) throw new Error(`cannot cut /${prefix} out of ${formatCidr(net)}`);
  const count = 2 ** (prefix - net.prefix);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`${formatCidr(net)} has ${count} subnets of /${prefix}; index ${index} is out of range`);
  }
  return { base: net.base + index * 2 ** (32 - prefix), prefix };
}
