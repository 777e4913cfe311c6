/**
 * The provider as the engine calls it (Check, Diff, Create, Read, Update, Delete), over the fake BMC
 * client: many hosts at once stay inside the one semaphore, one failed node fails only itself, and
 * nothing is ever replaced.
 */
import assert from "node:assert/strict";
import { HostProvider } from "../../provider/host-provider";
import { HOST_TYPE, type HostOutputs } from "../../provider/host-inputs";
import { FakeBmcs, hostInputs } from "./fake-bmc";

const urn = (name: string) => `urn:pulumi:lab::gigafactory::gigafactory:baremetal:BareMetalNode$${HOST_TYPE}::${name}`;

describe("the gigafactory-baremetal provider", () => {
  it("creates many hosts at once inside one semaphore: never more than the bounds in flight, one failed node fails only itself", async () => {
    const fake = new FakeBmcs();
    const provider = new HostProvider("0.1.0", { calls: fake.calls });
    let peak = 0;
    const perFeedPeak = new Map<string, number>();
    fake.during = async () => {
      peak = Math.max(peak, provider.semaphore.load());
      for (const rack of ["r1", "r2", "r3"]) {
        const f = `${rack}/feed-1`;
        perFeedPeak.set(f, Math.max(perFeedPeak.get(f) ?? 0, provider.semaphore.load(f)));
      }
      await new Promise((r) => setTimeout(r, 1));
    };
    const hosts = Array.from({ length: 30 }, (_, i) =>
      hostInputs(i, {
        hostname: `node-${i}`,
        bmcUrl: `redfish://10.0.1.${i}/redfish/v1/Systems/1`,
        feeds: [`r${(i % 3) + 1}/feed-1`, `r${(i % 3) + 1}/feed-2`],
        parallelism: { total: 5, perFeed: 2 },
      }),
    );
    hosts.forEach((h, i) => fake.add(h.bmcUrl, i === 7 ? { gpus: 0 } : {}));
    const results = await Promise.allSettled(hosts.map((h) => provider.create(urn(h.hostname), h)));
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [`${i}: ${(r.reason as Error).message}`] : []));
    assert.deepEqual(failed, [
      "7: host [node-7] BMC [redfish://10.0.1.7/redfish/v1/Systems/1] inspect: does not match blueprint [lab-node]: blueprint lab-node expects 1 SIM GPUs; the BMC [redfish://10.0.1.7/redfish/v1/Systems/1] reports 0",
    ]);
    assert.equal(fake.actions().filter((a) => a.startsWith("on ")).length, 29);
    assert.ok(peak <= 5 && peak > 1, `peak in flight ${peak}`);
    for (const [f, n] of perFeedPeak) assert.ok(n <= 2, `feed ${f} peaked at ${n}`);
  });

  it("checks the inputs, naming each bad property", async () => {
    const provider = new HostProvider("0.1.0", { calls: new FakeBmcs().calls });
    const { failures } = await provider.check(urn("x"), {}, { ...hostInputs(1), bmcUrl: "http://x", credentials: { username: "a" }, feeds: [] });
    assert.deepEqual(
      failures!.map((f) => f.property),
      ["bmcUrl", "credentials", "feeds"],
    );
    assert.deepEqual((await provider.check(urn("x"), {}, hostInputs(1))).failures, []);
  });

  it("checks the boot source's image URL and the wipe image, naming no credential", async () => {
    const provider = new HostProvider("0.1.0", { calls: new FakeBmcs().calls });
    const bad = hostInputs(1, { boot: { kind: "virtual-media", imageUrl: "ftp://images/x.iso" }, wipeImageUrl: "https://u:s3cret@images/wipe.iso" });
    assert.deepEqual((await provider.check(urn("x"), {}, bad)).failures, [
      { property: "boot.imageUrl", reason: '"ftp://images/x.iso" should be an https:// or http:// URL, not ftp://' },
      { property: "wipeImageUrl", reason: "the URL should not carry credentials (they would be stored in plaintext); serve the image without them" },
    ]);
    const good = hostInputs(1, { boot: { kind: "uefi-http", url: "http://10.0.0.250/boot.efi" }, wipeImageUrl: "https://images/wipe.iso" });
    assert.deepEqual((await provider.check(urn("x"), {}, good)).failures, []);
  });

  it("never replaces a host: a new BMC address or password is an update in place", async () => {
    const fake = new FakeBmcs();
    const provider = new HostProvider("0.1.0", { calls: fake.calls });
    fake.add(hostInputs(1).bmcUrl);
    const { outs } = await provider.create(urn("n1"), hostInputs(1));
    const moved = await provider.diff("n1", urn("n1"), outs as HostOutputs, hostInputs(1, { bmcUrl: "redfish://10.9.9.9/redfish/v1/Systems/1" }, "new-s3cret"));
    assert.deepEqual(moved, { changes: true, replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(await provider.diff("n1", urn("n1"), outs as HostOutputs, hostInputs(1)), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("refreshes from the BMC and updates a node found off by powering it on", async () => {
    const fake = new FakeBmcs();
    const provider = new HostProvider("0.1.0", { calls: fake.calls });
    const node = fake.add(hostInputs(1).bmcUrl);
    const { outs } = await provider.create(urn("n1"), hostInputs(1));
    node.power = "off";
    const { props } = await provider.read("n1", urn("n1"), outs as HostOutputs);
    assert.equal((props as HostOutputs).powerState, "off");
    assert.equal((await provider.diff("n1", urn("n1"), props as HostOutputs, hostInputs(1))).changes, true);
    const { outs: after } = await provider.update("n1", urn("n1"), props as HostOutputs, hostInputs(1));
    assert.equal((after as HostOutputs).powerState, "on");
    assert.equal(node.power, "on");
  });

  it("serves BareMetalHost only", async () => {
    const provider = new HostProvider("0.1.0", { calls: new FakeBmcs().calls });
    await assert.rejects(provider.create("urn:pulumi:s::p::other:index:Thing::x", hostInputs(1)), {
      message: `the gigafactory-baremetal provider serves ${HOST_TYPE} only, not other:index:Thing`,
    });
  });
});
