/** IPv4 arithmetic and the overlap check: exact cases, then properties against brute force. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkOverlaps, type SiteRange } from "../../inventory/semantic";
import { contains, formatAddress, formatCidr, overlaps, parseAddress, parseCidr, size, subnet } from "../../model/ipv4";

const arbNet = fc.record({ base: fc.integer({ min: 0, max: 2 ** 32 - 1 }), prefix: fc.integer({ min: 8, max: 32 }) }).map(({ base, prefix }) => ({
  base: base - (base % 2 ** (32 - prefix)),
  prefix,
}));

describe("ipv4", () => {
  it("parses and formats addresses and networks", () => {
    assert.equal(parseAddress("10.24.0.1"), 0x0a180001);
    assert.equal(formatAddress(0x0a180001), "10.24.0.1");
    assert.deepEqual(parseCidr("10.24.0.0/13"), { base: 0x0a180000, prefix: 13 });
    assert.equal(size(parseCidr("10.24.0.0/13")), 524288);
    assert.equal(formatCidr(subnet(parseCidr("10.24.0.0/13"), 16, 7)), "10.31.0.0/16");
  });

  it("rejects malformed input with the reason", () => {
    assert.throws(() => parseAddress("10.0.0.256"), { message: '"10.0.0.256" is not an IPv4 address' });
    assert.throws(() => parseCidr("10.0.0.1/8"), { message: '"10.0.0.1/8" has host bits set; the network is 10.0.0.0/8' });
    assert.throws(() => parseCidr("10.0.0.0/33"), { message: '"10.0.0.0/33" has an invalid prefix length' });
    assert.throws(() => subnet(parseCidr("10.0.0.0/24"), 26, 4), { message: "10.0.0.0/24 has 4 subnets of /26; index 4 is out of range" });
  });

  it("round-trips every address and network", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (a) => parseAddress(formatAddress(a)) === a));
    fc.assert(fc.property(arbNet, (n) => assert.deepEqual(parseCidr(formatCidr(n)), n)));
  });

  it("overlaps exactly when the ranges share an address, and containment implies overlap", () => {
    fc.assert(
      fc.property(arbNet, arbNet, (a, b) => {
        const shared = Math.max(a.base, b.base) <= Math.min(a.base + size(a) - 1, b.base + size(b) - 1);
        assert.equal(overlaps(a, b), shared);
        assert.equal(overlaps(a, b), overlaps(b, a));
        if (contains(a, b)) assert.ok(overlaps(a, b));
      }),
    );
  });

  it("the fleet's overlap check reports every overlapping pair once, and nothing else", () => {
    fc.assert(
      fc.property(fc.array(arbNet, { maxLength: 12 }), (nets) => {
        const reported: string[] = [];
        const ranges: SiteRange[] = nets.map((net, i) => ({ site: "s", path: ["r", i], net, report: (path) => reported.push(String(path[1])) }));
        checkOverlaps(ranges);
        let expected = 0;
        for (let i = 0; i < nets.length; i++) for (let j = i + 1; j < nets.length; j++) if (overlaps(nets[i]!, nets[j]!)) expected++;
        assert.equal(reported.length, expected);
      }),
    );
  });
});
