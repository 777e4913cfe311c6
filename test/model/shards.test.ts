/** Shards: which stack a rack or a switch lands in, and that appending moves nothing. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { layerShards, rackShard, siteShards, stackName, switchShard } from "../../model/shards";

describe("shards", () => {
  it("puts racks 1–64 of a hall in block 0 and rack 65 in block 1", () => {
    assert.equal(rackShard("h1", 1, 64), "h1-b0");
    assert.equal(rackShard("h1", 64, 64), "h1-b0");
    assert.equal(rackShard("h1", 65, 64), "h1-b1");
    assert.equal(switchShard(2047, 2048), "fabric-b0");
    assert.equal(switchShard(2048, 2048), "fabric-b1");
    assert.equal(stackName("riga-1", "physical", "h3-b7"), "riga-1-physical-h3-b7");
  });

  it("lists the site shard, the fabric blocks, then the hall blocks in order", () => {
    const racks = [
      { hall: "h1", number: 1 },
      { hall: "h1", number: 70 },
      { hall: "h2", number: 3 },
    ];
    assert.deepEqual(siteShards(racks, 64, ["fabric-b0", "fabric-b1", "fabric-b2"]), [
      "site",
      "fabric-b0",
      "fabric-b1",
      "fabric-b2",
      "h1-b0",
      "h1-b1",
      "h2-b0",
    ]);
    assert.deepEqual(siteShards([], 64), ["site"]);
  });

  it("lists each layer's shards: physical all of them, bare metal the rack blocks, Kubernetes the site", () => {
    const racks = [
      { hall: "h1", number: 1 },
      { hall: "h1", number: 70 },
      { hall: "h2", number: 3 },
    ];
    assert.deepEqual(layerShards(racks, 64, ["fabric-b0", "fabric-b1", "fabric-b2"]), {
      physical: ["site", "fabric-b0", "fabric-b1", "fabric-b2", "h1-b0", "h1-b1", "h2-b0"],
      baremetal: ["h1-b0", "h1-b1", "h2-b0"],
      kubernetes: ["site"],
    });
    assert.deepEqual(layerShards(racks, 64).physical, ["site", "h1-b0", "h1-b1", "h2-b0"]);
  });

  it("moves no rack to another shard when racks or halls are appended", () => {
    const rack = fc.record({ hall: fc.constantFrom("h1", "h2", "h3"), number: fc.integer({ min: 1, max: 600 }) });
    fc.assert(
      fc.property(fc.array(rack, { minLength: 1 }), fc.array(rack), fc.integer({ min: 1, max: 128 }), (before, added, size) => {
        const shardsBefore = siteShards(before, size);
        const shardsAfter = siteShards([...before, ...added], size);
        for (const r of before) assert.equal(rackShard(r.hall, r.number, size), rackShard(r.hall, r.number, size));
        for (const s of shardsBefore) assert.ok(shardsAfter.includes(s), `shard ${s} should still exist`);
      }),
    );
  });
});
