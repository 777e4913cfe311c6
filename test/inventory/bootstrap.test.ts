/** The inventory's OS bootstrap settings: each blueprint's role, the site's time servers and pinned SSH host keys. */
import assert from "node:assert/strict";
import { siteBootstrapNodes, pinnedHostKey } from "../../inventory/bootstrap-nodes";
import { loadFleet } from "../../inventory/load";
import { formatProblem } from "../../inventory/problem";
import { DEFAULT_TIME_SERVERS } from "../../model/baremetal/bootstrap/defaults";
import { cleanFleets, fleetWith, MINIMAL_FLEET } from "../helpers/fleet-fixture";

const SITE = "sites/tst-1.yaml";
const LAST = "      quotas: [{ blueprint: hgx-h200, gpus: 8, borrowingLimit: 8 }]";
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9vdGVzdGtleWZvcnRoZWxhYm5vZGVvbmx5";

const problems = (dir: string) => loadFleet(dir, dir).problems.map(formatProblem);
const withBootstrap = (section: string) => fleetWith(SITE, LAST, `${LAST}\nbootstrap:\n${section}`);

describe("inventory: OS bootstrap settings", () => {
  after(cleanFleets);

  it("default every blueprint to gpu-worker and the time servers to DEFAULT_TIME_SERVERS", () => {
    const result = loadFleet(MINIMAL_FLEET, { expand: () => true });
    const nodes = siteBootstrapNodes(result.expanded[0]!);
    assert.ok(nodes.length > 0 && nodes.every((n) => n.role === "gpu-worker"));
    assert.deepEqual(nodes[0]!.timeServers, DEFAULT_TIME_SERVERS);
    assert.equal(pinnedHostKey(result.expanded[0]!, nodes[0]!.hostname), undefined);
  });

  it("read a blueprint's role, the site's time servers and a pinned host key", () => {
    const hostname = loadFleet(MINIMAL_FLEET, { expand: () => true }).expanded[0]!.nodes[0]!.hostname;
    const withRole = fleetWith(SITE, "    rails: 8", "    role: storage\n    rails: 8");
    const d = withBootstrap(`  timeServers: [ntp1.riga.example, 10.0.255.1]\n  hostKeys:\n    ${hostname}: "${KEY}"`);
    const result = loadFleet(d, { expand: () => true });
    assert.deepEqual(result.problems, []);
    const node = siteBootstrapNodes(result.expanded[0]!)[0]!;
    assert.deepEqual(node.timeServers, ["ntp1.riga.example", "10.0.255.1"]);
    assert.equal(pinnedHostKey(result.expanded[0]!, hostname), KEY);
    const storage = loadFleet(withRole, { expand: () => true });
    assert.equal(siteBootstrapNodes(storage.expanded[0]!)[0]!.role, "storage");
  });

  it("refuse a host key pinned for a node the ledger does not have, at its line", () => {
    assert.deepEqual(problems(withBootstrap(`  hostKeys:\n    tst-1-h9-r001-n01: "${KEY}"`)), [
      `${SITE}:80:24: bootstrap.hostKeys.tst-1-h9-r001-n01: host key pinned for [tst-1-h9-r001-n01], which is not a node of site [tst-1]'s ledger`,
    ]);
  });

  it("refuse a malformed host key and an unknown role", () => {
    const [key] = problems(withBootstrap(`  hostKeys:\n    tst-1-h1-r001-n01: "ssh-dss AAAA"`));
    assert.match(key!, /^sites\/tst-1\.yaml:80:\d+: bootstrap\.hostKeys\.tst-1-h1-r001-n01: /);
    const [role] = problems(fleetWith(SITE, "    rails: 8", "    role: login\n    rails: 8"));
    assert.match(role!, /^sites\/tst-1\.yaml:29:\d+: blueprints\[0\]\.role: .*gpu-worker, storage, control-plane/);
  });
});
