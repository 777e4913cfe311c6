/** Storage fabric sizing: leaf pairs, the shared Clos rules, and validation. */
import assert from "node:assert/strict";
import { sizeStorageFabric } from "../../../model/fabric";

describe("storage fabric sizing", () => {
  it("4 SU of HGX (127 nodes × 2 ports) and 8 storage servers × 2 ports: 10 leaves in pairs, 8 spines", () => {
    const s = sizeStorageFabric("riga-1-storage", { computeNodes: 127, storageServers: 8 });
    assert.deepEqual(s, {
      name: "riga-1-storage",
      endpointPorts: 270,
      tiers: 2,
      leafDownlinks: 32,
      leafUplinks: 32,
      leaf: { switches: 10, portsProvisioned: 640, portsUsed: 270 + 320 },
      spine: { switches: 8, portsProvisioned: 512, portsUsed: 320 },
      core: { switches: 0, portsProvisioned: 0, portsUsed: 0 },
      cables: { endpointLeaf: 270, leafSpine: 320, spineCore: 0, total: 590 },
      oversubscription: 1,
    });
  });

  it("single-homed endpoints need no leaf pairs", () => {
    const s = sizeStorageFabric("s", { computeNodes: 10, storagePortsPerNode: 1, storageServers: 0 });
    assert.deepEqual([s.leaf.switches, s.spine.switches], [1, 1]);
  });

  it("2:1 oversubscribed storage for 20,000 nodes needs a core tier", () => {
    const s = sizeStorageFabric("s", { computeNodes: 20_000, storageServers: 100, portsPerStorageServer: 4, oversubscription: 2 });
    assert.equal(s.endpointPorts, 40_400);
    assert.deepEqual([s.leafDownlinks, s.leafUplinks, s.tiers, s.leaf.switches], [42, 21, 3, 962]);
    assert.equal(s.cables.leafSpine, 962 * 21);
    assert.equal(s.cables.spineCore, s.spine.switches * 32);
    assert.ok(s.spine.portsUsed <= s.spine.portsProvisioned && s.core.portsUsed <= s.core.portsProvisioned);
  });

  const cases: [string, () => unknown, string][] = [
    [
      "an odd radix",
      () => sizeStorageFabric("s", { computeNodes: 1, storageServers: 0, switchRadix: 33 }),
      "fabric [s] switchRadix 33 should be an even integer of at least 4",
    ],
    [
      "no endpoints",
      () => sizeStorageFabric("s", { computeNodes: 0, storageServers: 0 }),
      "fabric [s] has no endpoint ports; give computeNodes with storagePortsPerNode, or storageServers",
    ],
    [
      "negative servers",
      () => sizeStorageFabric("s", { computeNodes: 4, storageServers: -1 }),
      "fabric [s] storageServers -1 should be an integer of at least 0",
    ],
    [
      "servers without ports",
      () => sizeStorageFabric("s", { computeNodes: 4, storageServers: 2, portsPerStorageServer: 0 }),
      "fabric [s] portsPerStorageServer 0 should be an integer of at least 1",
    ],
    [
      "more than 3 tiers hold",
      () => sizeStorageFabric("s", { computeNodes: 40_000, storageServers: 0, switchRadix: 32 }),
      "fabric [s] needs 5000 leaves but a 3-tier Clos of switchRadix 32 holds at most 512; use a larger radix or split the fabric",
    ],
  ];
  for (const [what, call, message] of cases) {
    it(`rejects ${what}`, () => assert.throws(call, { message }));
  }
});
