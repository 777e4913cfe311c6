/** Diff decisions: never a replace; a password rotation or a new BMC address is verified, never a power action; a node found off is powered on. */
import assert from "node:assert/strict";
import { diffHost, hasChanges } from "../../provider/diff";
import type { HostOutputs } from "../../provider/host-inputs";
import { hostInputs } from "./fake-bmc";

/** What a provisioned host's state holds. */
function provisioned(overrides: Partial<HostOutputs> = {}): HostOutputs {
  return { ...hostInputs(1), state: "provisioned", powerState: "on", bmcAnswered: hostInputs(1).bmcUrl, facts: {}, ...overrides };
}

describe("BareMetalHost diff", () => {
  it("finds nothing to do for a provisioned node whose inputs did not change", () => {
    const d = diffHost(provisioned(), hostInputs(1));
    assert.deepEqual(d, { changed: [], actions: [] });
    assert.equal(hasChanges(d), false);
  });

  it("ignores the order of keys", () => {
    const { expected } = hostInputs(1);
    const reordered = {
      storagePorts: expected.storagePorts,
      railSpeedGbps: expected.railSpeedGbps,
      rails: expected.rails,
      accelerator: expected.accelerator,
      id: expected.id,
    };
    assert.deepEqual(diffHost(provisioned(), hostInputs(1, { expected: reordered })).changed, []);
  });

  it("updates a password rotation in place: verify through the BMC, no power action", () => {
    const d = diffHost(provisioned(), hostInputs(1, {}, "new-s3cret"));
    assert.deepEqual(d, { changed: ["credentials"], actions: ["verify"] });
  });

  it("re-points a host whose BMC address changed: verify, no power action", () => {
    assert.deepEqual(diffHost(provisioned(), hostInputs(1, { bmcUrl: "redfish://10.0.9.1/redfish/v1/Systems/1" })), {
      changed: ["bmcUrl"],
      actions: ["verify"],
    });
    assert.deepEqual(diffHost(provisioned(), hostInputs(1, { tls: { insecure: true } })).actions, ["verify"]);
  });

  it("powers on a node a refresh found off or could not read, even when no input changed", () => {
    assert.deepEqual(diffHost(provisioned({ powerState: "off" }), hostInputs(1)), { changed: [], actions: ["power-on"] });
    assert.deepEqual(diffHost(provisioned({ powerState: "unknown" }), hostInputs(1)).actions, ["power-on"]);
  });

  it("only records a change of feeds, parallelism, expected hardware or boot source", () => {
    const d = diffHost(provisioned(), hostInputs(1, { parallelism: { total: 8, perFeed: 2 }, boot: { kind: "uefi-http" } }));
    assert.deepEqual(d, { changed: ["parallelism", "boot"], actions: [] });
    assert.equal(hasChanges(d), true);
  });

  it("updates a new boot source of the role, or a wipe image turned on, in place with no power action", () => {
    const image = { kind: "virtual-media" as const, imageUrl: "https://images.example/gpu-worker.iso" };
    assert.deepEqual(diffHost(provisioned(), hostInputs(1, { boot: image })), { changed: ["boot"], actions: [] });
    const wiped = hostInputs(1, { boot: image, wipeImageUrl: "https://images.example/wipe.iso" });
    assert.deepEqual(diffHost(provisioned({ boot: image }), wiped), { changed: ["wipeImageUrl"], actions: [] });
  });
});
