/**
 * The host lifecycle over a fake BMC client: the states in Metal3's order, a refusal naming each
 * difference from the blueprint, idempotent re-runs, updates that never power a node off, refresh
 * reading the real power state, deprovisioning with ForceOff after the timeout and an optional wipe,
 * and errors that name host, BMC and operation but never a credential.
 */
import assert from "node:assert/strict";
import { BmcError } from "../../bmc/bmc";
import { LIFECYCLE_STATES, type HostOutputs, type LifecycleState } from "../../provider/host-inputs";
import { applyUpdate, deprovision, provision, readPower, type LifecycleContext } from "../../provider/lifecycle";
import { FeedSemaphore } from "../../provider/semaphore";
import { FakeBmcs, hostInputs } from "./fake-bmc";

function context(fake: FakeBmcs, states: string[] = []): LifecycleContext {
  return {
    calls: fake.calls,
    semaphore: new FeedSemaphore({ total: 64, perFeed: 4 }),
    onState: (host: string, s: LifecycleState) => states.push(`${host} ${s}`),
    options: { pollIntervalMs: 1 },
    wipeTimeoutMs: 1000,
  };
}

describe("BareMetalHost lifecycle", () => {
  it("takes a racked node through registering, inspecting, available, provisioning to provisioned: boot override, then power on", async () => {
    const fake = new FakeBmcs();
    const host = hostInputs(1);
    fake.add(host.bmcUrl);
    const states: string[] = [];
    const out = await provision(host, context(fake, states));
    assert.deepEqual(
      states.map((s) => s.split(" ")[1]),
      LIFECYCLE_STATES.slice(0, 5),
    );
    assert.deepEqual(fake.actions(), [`boot pxe ${host.bmcUrl}`, `on ${host.bmcUrl}`]);
    assert.equal(out.state, "provisioned");
    assert.equal(out.powerState, "on");
    assert.equal(out.inBandAddress, "10.1.0.1");
    assert.deepEqual(out.facts, {
      systemId: "System.Embedded.1",
      serialNumber: "SN-0001",
      accelerators: 1,
      acceleratorModel: "NVIDIA SIM",
      macs: ["aa:bb:cc:dd:ee:01"],
    });
  });

  it("adopts a node already running: no boot override, no power cycle", async () => {
    const fake = new FakeBmcs();
    const host = hostInputs(1);
    fake.add(host.bmcUrl, { power: "on" });
    await provision(host, context(fake));
    assert.deepEqual(fake.actions(), []);
  });

  it("refuses a node that does not match its blueprint, naming each difference, before any power action", async () => {
    const fake = new FakeBmcs();
    const host = hostInputs(1);
    fake.add(host.bmcUrl, { gpus: 2 });
    await assert.rejects(provision(host, context(fake)), {
      name: "HostOperationError",
      message: `host [lab-1-h1-r001-n01] BMC [${host.bmcUrl}] inspect: does not match blueprint [lab-node]: blueprint lab-node expects 1 SIM GPUs; the BMC [redfish://10.0.0.1/redfish/v1/Systems/1] reports 2`,
    });
    assert.deepEqual(fake.actions(), []);
  });

  it("names host, BMC and operation when a BMC fails, and never the password", async () => {
    const fake = new FakeBmcs();
    const host = hostInputs(1, {}, "wrong-s3cret-value");
    fake.add(host.bmcUrl);
    await assert.rejects(provision(host, context(fake)), (e: Error) => {
      assert.equal(
        e.message,
        `host [lab-1-h1-r001-n01] BMC [${host.bmcUrl}] register (power status): BMC [${host.bmcUrl}] rejected the credentials (HTTP 401 Unauthorized)`,
      );
      assert.ok(!e.message.includes("s3cret"));
      return true;
    });
    const off = new FakeBmcs();
    off.add(host.bmcUrl, { fail: { on: new BmcError(`BMC [${host.bmcUrl}] answered POST with HTTP 500`, host.bmcUrl, "server", 500) } });
    await assert.rejects(provision(hostInputs(1), context(off)), {
      message: `host [lab-1-h1-r001-n01] BMC [${host.bmcUrl}] power on: BMC [${host.bmcUrl}] answered POST with HTTP 500`,
    });
  });

  it("passes each BMC's own TLS trust to every call", async () => {
    const fake = new FakeBmcs();
    const host = hostInputs(1, { tls: { insecure: true } });
    fake.add(host.bmcUrl);
    await provision(host, context(fake));
    assert.ok(fake.log.every((c) => c.options?.tls?.insecure === true));
  });

  describe("updates", () => {
    const provisioned = async (fake: FakeBmcs): Promise<HostOutputs> => {
      const host = hostInputs(1);
      fake.add(host.bmcUrl);
      const out = await provision(host, context(fake));
      fake.log.length = 0;
      return out;
    };

    it("verifies a rotated password through the BMC and records it, with no power action", async () => {
      const fake = new FakeBmcs();
      const old = await provisioned(fake);
      fake.credentials = { username: "admin", password: "new-s3cret" };
      const out = await applyUpdate(hostInputs(1, {}, "new-s3cret"), old, ["verify"], context(fake));
      assert.deepEqual(
        fake.log.map((c) => c.op),
        ["status"],
      );
      assert.deepEqual(out.credentials, {
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        value: { username: "admin", password: "new-s3cret" },
      });
    });

    it("re-points a host to a new BMC address without powering it off", async () => {
      const fake = new FakeBmcs();
      const old = await provisioned(fake);
      const moved = "redfish://10.0.9.1/redfish/v1/Systems/1";
      fake.add(moved, { power: "on" });
      const out = await applyUpdate(hostInputs(1, { bmcUrl: moved }), old, ["verify"], context(fake));
      assert.deepEqual(fake.actions(), []);
      assert.equal(out.bmcAnswered, moved);
    });

    it("powers on a node a refresh found off", async () => {
      const fake = new FakeBmcs();
      const old = await provisioned(fake);
      fake.nodes.get(old.bmcUrl)!.power = "off";
      const refreshed = await readPower(old, context(fake));
      assert.equal(refreshed.powerState, "off");
      await applyUpdate(hostInputs(1), refreshed, ["power-on"], context(fake));
      assert.deepEqual(fake.actions(), [`on ${old.bmcUrl}`]);
    });
  });

  it("reads the real power state on refresh, and reports a BMC that does not answer as unknown with the error, not a failed refresh", async () => {
    const fake = new FakeBmcs();
    const host = hostInputs(1);
    fake.add(host.bmcUrl);
    const out = await provision(host, context(fake));
    fake.nodes.get(host.bmcUrl)!.power = "off";
    assert.equal((await readPower(out, context(fake))).powerState, "off");
    fake.nodes.delete(host.bmcUrl);
    const lost = await readPower(out, context(fake));
    assert.equal(lost.powerState, "unknown");
    assert.equal(
      lost.lastError,
      `host [lab-1-h1-r001-n01] BMC [${host.bmcUrl}] read (power status): BMC [${host.bmcUrl}] is unreachable: connect ECONNREFUSED`,
    );
  });

  describe("deprovisioning", () => {
    const running = async (fake: FakeBmcs, extra: Parameters<typeof hostInputs>[1] = {}) => {
      const host = hostInputs(1, extra);
      const node = fake.add(host.bmcUrl);
      const out = await provision(host, context(fake));
      fake.log.length = 0;
      return { out, node };
    };

    it("shuts the node down gracefully", async () => {
      const fake = new FakeBmcs();
      const { out, node } = await running(fake);
      const states: string[] = [];
      await deprovision(out, context(fake, states));
      assert.deepEqual(states, ["lab-1-h1-r001-n01 deprovisioning"]);
      assert.deepEqual(fake.actions(), [`graceful-off ${out.bmcUrl}`]);
      assert.equal(node.power, "off");
    });

    it("forces the power off when a graceful shutdown does not finish in time", async () => {
      const fake = new FakeBmcs();
      const { out, node } = await running(fake, { shutdownTimeoutSeconds: 2 });
      node.ignoresGraceful = true;
      await deprovision(out, context(fake));
      assert.deepEqual(fake.actions(), [`graceful-off ${out.bmcUrl}`, `off ${out.bmcUrl}`]);
      assert.equal(fake.log.find((c) => c.op === "graceful-off")!.options!.settleTimeoutMs, 2000);
      assert.equal(node.power, "off");
    });

    it("wipes the disks only when the host names a wipe image: boots it and waits for it to power the node off", async () => {
      const fake = new FakeBmcs();
      const { out, node } = await running(fake, { wipeImageUrl: "https://images.example.eu/wipe.iso" });
      let polls = 0;
      const status = fake.calls.power;
      const ctx = {
        ...context(fake),
        calls: {
          ...fake.calls,
          power: async (...args: Parameters<typeof status>) => {
            // The wipe image runs for two polls, then powers the node off.
            if (args[0] === "status" && node.power === "on" && ++polls === 3) node.power = "off";
            return status(...args);
          },
        },
      };
      await deprovision(out, ctx);
      assert.deepEqual(fake.actions(), [`graceful-off ${out.bmcUrl}`, `boot virtual-media ${out.bmcUrl}`, `on ${out.bmcUrl}`]);
      assert.equal(node.power, "off");
    });
  });
});
