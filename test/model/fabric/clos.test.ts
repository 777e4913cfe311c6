/** Clos arithmetic: the leaf's port split and the divisor rule, exactly and as properties. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { leafPorts, smallestDivisorAtLeast, threeTier, twoTier } from "../../../model/fabric";

describe("Clos arithmetic", () => {
  it("splits a leaf's ports by oversubscription", () => {
    assert.deepEqual(leafPorts(64, 1), { down: 32, up: 32 });
    assert.deepEqual(leafPorts(64, 3), { down: 48, up: 16 });
    assert.deepEqual(leafPorts(64, 2), { down: 42, up: 21 });
    assert.deepEqual(leafPorts(144, 1), { down: 72, up: 72 });
    assert.deepEqual(leafPorts(4, 1), { down: 2, up: 2 });
  });

  it("never exceeds the radix, keeps down/up at most the ratio, and leaves no port that could take another downlink", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 256 }).map((h) => h * 2),
        fc.double({ min: 1, max: 16, noNaN: true }),
        (radix, ratio) => {
          const { down, up } = leafPorts(radix, ratio);
          assert.ok(down + up <= radix && up >= 1 && down >= up);
          assert.ok(down / up <= ratio + 1e-9);
          assert.ok(down + 1 + Math.ceil((down + 1) / ratio - 1e-9) > radix);
        },
      ),
    );
  });

  it("finds the smallest divisor at or above a bound", () => {
    assert.equal(smallestDivisorAtLeast(32, 10), 16);
    assert.equal(smallestDivisorAtLeast(72, 16), 18);
    assert.equal(smallestDivisorAtLeast(72, 32), 36);
    assert.equal(smallestDivisorAtLeast(32, 0), 1);
    assert.equal(smallestDivisorAtLeast(32, 33), undefined);
  });

  it("2 tiers serve at most radix leaves; every spine port budget holds", () => {
    assert.equal(twoTier(65, 32, 64), undefined);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 72 }).map((h) => h * 2),
        fc.integer({ min: 1, max: 144 }),
        (radix, leaves) => {
          const up = radix / 2;
          const shape = twoTier(leaves, up, radix);
          assert.equal(shape === undefined, leaves > radix);
          if (shape === undefined) return;
          assert.equal(shape.spinesPerGroup * shape.linksPerLeafSpine, up);
          assert.ok(leaves * shape.linksPerLeafSpine <= radix);
        },
      ),
    );
  });

  it("3 tiers serve at most radix spine groups of radix/2 leaves", () => {
    assert.deepEqual(threeTier(8, 16, 32, 64), {
      tiers: 3,
      spineGroups: 8,
      spinesPerGroup: 16,
      linksPerLeafSpine: 2,
      spineDownlinks: 32,
      corePlanes: 16,
      coresPerPlane: 4,
      linksPerSpineCore: 8,
    });
    assert.equal(threeTier(65, 32, 32, 64), undefined);
  });
});
