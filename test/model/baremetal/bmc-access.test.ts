/**
 * BMC access from the inventory: the credential reference and TLS trust of each node (site
 * default, then rules by rack range or hostname, the last match winning), the loader's checks of
 * the rules, and the advisory `bmc-tls-verified` finding naming each insecure BMC.
 */
import assert from "node:assert/strict";
import { loadFleet } from "../../../inventory/load";
import { nodeBmcAccess } from "../../../model/baremetal/bmc-access";
import { siteFacts } from "../../../policies/facts";
import { checkBmcTlsVerified } from "../../../policies/rules/bmc-tls-verified";
import { cleanFleets, fleetWith, MINIMAL_FLEET } from "../../helpers/fleet-fixture";

const ACCESS = `bmcAccess:
  credentials: tst-default
  tls: { caBundle: ca/tst-bmc.pem }
  rules:
    - racks: [{ hall: h1, from: 2, to: 2 }]
      credentials: tst-rack-2
    - nodes: [tst-1-h1-r001-n02]
      tls: { insecure: true }
`;

/** The minimal fleet with `bmcAccess` appended to its site file. */
function withAccess(access: string): string {
  return fleetWith("sites/tst-1.yaml", "halls:\n", `${access}halls:\n`);
}

describe("BMC access", () => {
  afterEach(cleanFleets);

  it("gives every node the reference `default` and verified TLS when the site says nothing", () => {
    const loaded = loadFleet(MINIMAL_FLEET);
    const nodes = loaded.expanded[0]!.nodes;
    assert.ok(nodes.every((n) => n.bmc.credentials === "default" && n.bmc.tls === undefined));
    assert.deepEqual(checkBmcTlsVerified(siteFacts(loaded.fleet!, loaded.expanded[0]!)), []);
  });

  it("applies the site default, then each matching rule by rack range or hostname, the last winning", () => {
    const loaded = loadFleet(withAccess(ACCESS));
    assert.deepEqual(loaded.problems, []);
    const byHost = new Map(loaded.expanded[0]!.nodes.map((n) => [n.hostname, n.bmc]));
    assert.deepEqual(
      [byHost.get("tst-1-h1-r001-n01"), byHost.get("tst-1-h1-r001-n02"), byHost.get("tst-1-h1-r002-n01")].map((b) => [b?.credentials, b?.tls]),
      [
        ["tst-default", { caBundle: "ca/tst-bmc.pem" }],
        ["tst-default", { insecure: true }],
        ["tst-rack-2", { caBundle: "ca/tst-bmc.pem" }],
      ],
    );
  });

  it("names each insecure BMC in an advisory bmc-tls-verified finding", () => {
    const loaded = loadFleet(withAccess(ACCESS));
    const findings = checkBmcTlsVerified(siteFacts(loaded.fleet!, loaded.expanded[0]!));
    const bmc = loaded.expanded[0]!.nodes.find((n) => n.hostname === "tst-1-h1-r001-n02")!.bmc.url;
    assert.deepEqual(
      findings.map((f) => f.message),
      [`BMC [${bmc}] of node [tst-1-h1-r001-n02] should have its TLS certificate verified; the inventory sets insecure: true (bmcAccess)`],
    );
  });

  it("refuses a rule that names neither racks nor nodes, or an unknown hall, at its line", () => {
    const loaded = loadFleet(withAccess("bmcAccess:\n  rules:\n    - credentials: x\n    - racks: [{ hall: h9, from: 1, to: 1 }]\n      credentials: y\n"));
    assert.deepEqual(
      loaded.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`),
      ["48: bmcAccess.rules[0]: a BMC access rule should name racks or nodes", '49: bmcAccess.rules[1].racks[0].hall: unknown hall "h9"'],
    );
  });

  it("refuses TLS that is both a CA bundle and insecure, and insecure: false", () => {
    for (const tls of ["{ caBundle: a.pem, insecure: true }", "{ insecure: false }"]) {
      const loaded = loadFleet(withAccess(`bmcAccess:\n  tls: ${tls}\n`));
      assert.ok(loaded.problems.length > 0, `tls ${tls} should be refused`);
      assert.ok(
        loaded.problems.every((p) => p.path.startsWith("bmcAccess.tls")),
        JSON.stringify(loaded.problems),
      );
    }
  });

  it("resolves by hostname even without a rack match, as a pure function", () => {
    const access = { credentials: "a", rules: [{ nodes: ["x-n01"], credentials: "b" }] };
    assert.deepEqual(nodeBmcAccess(access, { hostname: "x-n01", hall: "h1", rackNumber: 1 }), { credentials: "b" });
    assert.deepEqual(nodeBmcAccess(undefined, { hostname: "x-n01", hall: "h1", rackNumber: 1 }), { credentials: "default" });
  });
});
