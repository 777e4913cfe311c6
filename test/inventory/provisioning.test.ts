/**
 * A site's `provisioning`: the boot source of each role and the disk wipe, with the defaults when
 * the section is absent; then one changed field per failing case, each with its exact message.
 */
import assert from "node:assert/strict";
import { loadFleet } from "../../inventory/load";
import { formatProblem } from "../../inventory/problem";
import { NodeRole } from "../../inventory/schema/bootstrap";
import { RoleBootSources } from "../../inventory/schema/provisioning";
import { bootSourceOf, DEFAULT_BOOT_SOURCE, wipeImageOf } from "../../model/baremetal/boot-source";
import { cleanFleets, edit, fleetWith, MINIMAL_FLEET } from "../helpers/fleet-fixture";

const SITE = "sites/tst-1.yaml";
const LAST = "      quotas: [{ blueprint: hgx-h200, gpus: 8, borrowingLimit: 8 }]";
const GPU_IMAGE = "https://images.tst.example/gpu-worker.iso";
const SECTION = `provisioning:
  boot:
    gpu-worker: { kind: virtual-media, imageUrl: "${GPU_IMAGE}" }
    storage: { kind: pxe }
    control-plane: { kind: uefi-http, url: "http://10.1.0.250/boot/control-plane.efi" }
  wipeImageUrl: "http://10.0.0.250/images/wipe.iso"
  wipeOnDeprovision: true`;

/** The minimal fleet with the compliant section, with `from` replaced by `to` in it. */
const withSection = (from = "", to = "") => fleetWith(SITE, LAST, `${LAST}\n${SECTION.replace(from, to)}`);
const problems = (dir: string) => loadFleet(dir, dir).problems.map(formatProblem);

describe("inventory: provisioning (boot source per role, disk wipe)", () => {
  after(cleanFleets);

  it("names a boot source for every role the blueprints have", () => {
    assert.deepEqual(Object.keys(RoleBootSources.properties), (NodeRole as unknown as { enum: string[] }).enum);
  });

  it("defaults to PXE for every role and no wipe when the section is absent", () => {
    const site = loadFleet(MINIMAL_FLEET, { expand: () => true }).expanded[0]!.site;
    assert.deepEqual(site.provisioning, { wipeOnDeprovision: false });
    for (const role of ["gpu-worker", "storage", "control-plane"] as const) assert.deepEqual(bootSourceOf(site.provisioning, role), DEFAULT_BOOT_SOURCE);
    assert.deepEqual(DEFAULT_BOOT_SOURCE, { kind: "pxe" });
    assert.equal(wipeImageOf(site.provisioning), undefined);
  });

  it("reads each role's boot source and the wipe image of a compliant section", () => {
    const result = loadFleet(withSection(), { expand: () => true });
    assert.deepEqual(result.problems, []);
    const p = result.expanded[0]!.site.provisioning;
    assert.deepEqual(bootSourceOf(p, "gpu-worker"), { kind: "virtual-media", imageUrl: GPU_IMAGE });
    assert.deepEqual(bootSourceOf(p, "storage"), { kind: "pxe" });
    assert.deepEqual(bootSourceOf(p, "control-plane"), { kind: "uefi-http", url: "http://10.1.0.250/boot/control-plane.efi" });
    assert.equal(wipeImageOf(p), "http://10.0.0.250/images/wipe.iso");
  });

  it("gives no wipe image unless wipeOnDeprovision is true", () => {
    const result = loadFleet(withSection("wipeOnDeprovision: true", "wipeOnDeprovision: false"), { expand: () => true });
    assert.deepEqual(result.problems, []);
    assert.equal(wipeImageOf(result.expanded[0]!.site.provisioning), undefined);
  });

  const cases: [string, string, string, string[]][] = [
    [
      "an image URL of another scheme",
      GPU_IMAGE,
      "ftp://images.tst.example/gpu-worker.iso",
      [`${SITE}:80:50: provisioning.boot.gpu-worker.imageUrl: "ftp://images.tst.example/gpu-worker.iso" should be an https:// or http:// URL, not ftp://`],
    ],
    [
      "plain http to a host off the management ranges",
      GPU_IMAGE,
      "http://images.tst.example/gpu-worker.iso",
      [
        `${SITE}:80:50: provisioning.boot.gpu-worker.imageUrl: plain http:// is allowed only to an address on the site's management ranges (10.0.0.0/20, 10.1.0.0/20); images.tst.example is not: use https://`,
      ],
    ],
    [
      "plain http to an address off the management ranges",
      "http://10.0.0.250/images/wipe.iso",
      "http://10.2.0.250/images/wipe.iso",
      [
        `${SITE}:83:17: provisioning.wipeImageUrl: plain http:// is allowed only to an address on the site's management ranges (10.0.0.0/20, 10.1.0.0/20); 10.2.0.250 is not: use https://`,
      ],
    ],
    [
      "credentials in an image URL",
      GPU_IMAGE,
      "https://builder:hunter2@images.tst.example/gpu-worker.iso",
      [
        `${SITE}:80:50: provisioning.boot.gpu-worker.imageUrl: the URL should not carry credentials (they would be stored in plaintext); serve the image without them`,
      ],
    ],
    [
      "a boot URL that is not a URL",
      "http://10.1.0.250/boot/control-plane.efi",
      "control-plane.efi",
      [`${SITE}:82:44: provisioning.boot.control-plane.url: "control-plane.efi" is not a URL`],
    ],
    [
      "virtual media without its image",
      `{ kind: virtual-media, imageUrl: "${GPU_IMAGE}" }`,
      "{ kind: virtual-media }",
      [`${SITE}:80:25: provisioning.boot.gpu-worker.kind: virtual-media should name the imageUrl the BMC inserts`],
    ],
    [
      "a url with pxe",
      "{ kind: pxe }",
      '{ kind: pxe, url: "https://boot.tst.example/x.efi" }',
      [`${SITE}:81:32: provisioning.boot.storage.url: url is for uefi-http only, not pxe`],
    ],
    [
      "an imageUrl with uefi-http",
      "kind: uefi-http, url:",
      "kind: uefi-http, imageUrl:",
      [`${SITE}:82:49: provisioning.boot.control-plane.imageUrl: imageUrl is for virtual-media only, not uefi-http`],
    ],
    ["an unknown role", "    storage:", "    login:", [`${SITE}:81:5: provisioning.boot.login: unknown field "login"`]],
    [
      "a disk wipe without its image",
      '  wipeImageUrl: "http://10.0.0.250/images/wipe.iso"\n',
      "",
      [`${SITE}:83:22: provisioning.wipeOnDeprovision: a disk wipe should name provisioning.wipeImageUrl, the image that erases the disks`],
    ],
  ];
  for (const [what, from, to, expected] of cases) {
    it(`refuses ${what}, at its line`, () => {
      assert.ok(SECTION.includes(from), `the compliant section holds ${from}`);
      assert.deepEqual(problems(withSection(from, to)), expected);
    });
  }

  it("refuses a boot source other than pxe, and a disk wipe, for a blueprint whose BMC speaks IPMI only", () => {
    const dir = edit(withSection(), SITE, "bmc: { protocol: redfish, fallback: ipmi }", "bmc: { protocol: ipmi }");
    assert.deepEqual(problems(dir), [
      `${SITE}:80:25: provisioning.boot.gpu-worker.kind: virtual-media needs a Redfish BMC; blueprint [hgx-h200] (role gpu-worker) has an IPMI BMC, which boots from pxe only`,
      `${SITE}:84:22: provisioning.wipeOnDeprovision: the wipe image boots as virtual media, which blueprint [hgx-h200]'s IPMI BMC cannot insert`,
    ]);
  });

  it("never echoes the credentials of an image URL", () => {
    const text = problems(withSection(GPU_IMAGE, "https://builder:hunter2@images.tst.example/gpu-worker.iso")).join("\n");
    assert.ok(!text.includes("hunter2"));
  });
});
