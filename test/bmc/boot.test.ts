/**
 * One-time boot overrides against real peers on 127.0.28.0/24: sushy-emulator over HTTPS (lab CA),
 * behind the fault proxy so the tests see what was sent, and ipmi_sim. Each source is set twice:
 * the second run changes nothing.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { bootFrom } from "../../bmc/provisioning";
import { RedfishClient } from "../../bmc/redfish";
import { parseBmcUrl, type RedfishUrl } from "../../model/bmc-url";
import { rejectsWith, usePeers } from "./peers";
import { useProxy } from "./proxy";

const SYSTEM = "/redfish/v1/Systems/1";

describe("boot from a source @peers", () => {
  const site = usePeers("127.0.28", 1, [], { https: true });
  const bmc = useProxy(site, "127.0.28.200");
  const tls = () => ({ tls: { caBundle: bmc().caBundle } });
  const patches = () =>
    bmc()
      .proxy.log.filter((l) => l.method === "PATCH")
      .map((l) => JSON.parse(l.body) as unknown);
  let images: Server;
  const IMAGE = "http://127.0.28.250:8080/images/gpu-worker.iso";
  const HTTP_BOOT = "http://127.0.28.250:8080/images/http-boot.iso";
  before((done) => {
    // The role's image, as the boot server would serve it; sushy-emulator downloads what it inserts.
    images = createServer((_q, res) => res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(Buffer.alloc(2048))).listen(
      8080,
      "127.0.28.250",
      done,
    );
  });
  after((done) => {
    images.closeAllConnections();
    images.close(() => done());
  });

  it("sets PXE once in UEFI mode, and a second run changes nothing", async () => {
    const first = await bootFrom({ kind: "pxe" }, { bmc: bmc().url() }, site().credentials, tls());
    assert.deepEqual(first, { bmc: bmc().url(), protocol: "redfish", source: "pxe", changed: true, mode: "uefi" });
    assert.deepEqual(patches(), [{ Boot: { BootSourceOverrideTarget: "Pxe", BootSourceOverrideEnabled: "Once", BootSourceOverrideMode: "UEFI" } }]);
    const second = await bootFrom({ kind: "pxe" }, { bmc: bmc().url() }, site().credentials, tls());
    assert.equal(second.changed, false);
    assert.equal(patches().length, 1);
  });

  it("asks for UEFI HTTP boot in UEFI mode", async () => {
    const r = await bootFrom({ kind: "uefi-http" }, { bmc: bmc().url() }, site().credentials, tls());
    assert.deepEqual(r, { bmc: bmc().url(), protocol: "redfish", source: "uefi-http", changed: true, mode: "uefi" });
    assert.deepEqual(patches(), [{ Boot: { BootSourceOverrideTarget: "UefiHttp", BootSourceOverrideEnabled: "Once", BootSourceOverrideMode: "UEFI" } }]);
  });

  it("sends the boot URI with UEFI HTTP, and quotes the BMC's words when it cannot keep it (sushy's fake driver cannot)", async () => {
    await rejectsWith(
      bootFrom({ kind: "uefi-http", url: HTTP_BOOT }, { bmc: bmc().url() }, site().credentials, tls()),
      "refused",
      `BMC [${bmc().url()}] answered PATCH ${SYSTEM} with HTTP 400 Bad Request: Failed to save HttpBootUri field value.`,
    );
    assert.deepEqual(patches(), [
      { Boot: { BootSourceOverrideTarget: "UefiHttp", BootSourceOverrideEnabled: "Once", BootSourceOverrideMode: "UEFI", HttpBootUri: HTTP_BOOT } },
    ]);
  });

  it("inserts the role's image as virtual media and boots from CD once; a second run changes nothing", async () => {
    const first = await bootFrom({ kind: "virtual-media", imageUrl: IMAGE }, { bmc: bmc().url() }, site().credentials, tls());
    assert.deepEqual(first, { bmc: bmc().url(), protocol: "redfish", source: "virtual-media", changed: true, mode: "uefi" });
    const inserts = bmc().proxy.log.filter((l) => l.path.endsWith("VirtualMedia.InsertMedia"));
    assert.deepEqual(
      inserts.map((l) => JSON.parse(l.body) as unknown),
      [{ Image: IMAGE, Inserted: true, WriteProtected: true }],
    );
    const client = new RedfishClient(parseBmcUrl(bmc().url()) as RedfishUrl, site().credentials, tls());
    const cd = (await client.get(`${SYSTEM}/VirtualMedia/Cd`)).body;
    await client.close();
    assert.deepEqual([cd.Image, cd.Inserted], [IMAGE, true]);
    bmc().proxy.reset();
    const second = await bootFrom({ kind: "virtual-media", imageUrl: IMAGE }, { bmc: bmc().url() }, site().credentials, tls());
    assert.equal(second.changed, false);
    assert.deepEqual(
      bmc()
        .proxy.log.filter((l) => l.method !== "GET")
        .map((l) => `${l.method} ${l.path}`),
      ["POST /redfish/v1/SessionService/Sessions"],
    );
  });

  it("sets PXE with the EFI boot option over IPMI", async () => {
    const r = await bootFrom({ kind: "pxe" }, { bmc: site().bmcs[0]!.ipmi }, site().credentials);
    // ipmi_sim keeps the boot device but not the EFI flag, so it reports legacy mode (and each run writes again).
    assert.deepEqual(r, { bmc: site().bmcs[0]!.ipmi, protocol: "ipmi", source: "pxe", changed: true, mode: "legacy" });
  });

  it("refuses virtual media over IPMI, naming the BMC", async () => {
    await rejectsWith(
      bootFrom({ kind: "virtual-media", imageUrl: IMAGE }, { bmc: site().bmcs[0]!.ipmi }, site().credentials),
      "refused",
      `BMC [${site().bmcs[0]!.ipmi}] cannot boot from virtual-media over IPMI (only pxe); give the node a Redfish BMC for it`,
    );
  });
});
