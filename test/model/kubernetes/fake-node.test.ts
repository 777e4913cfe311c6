/** Fake nodes from the ledger: labels and GPU capacity for the lab, the fixture and random sites. */
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { expandSite } from "../../../inventory/expand";
import { siteNodeFacts } from "../../../inventory/kubernetes-nodes";
import { loadFleet } from "../../../inventory/load";
import { fakeNode, KWOK_NODE_ANNOTATION, KWOK_NODE_SELECTOR } from "../../../model/kubernetes/fake-node";
import { GPU_RESOURCE, isLabelValue, NODE_LABELS, nodeLabels, type NodeFacts } from "../../../model/kubernetes/node-labels";
import { cleanFleets, fleetWith, MINIMAL_FLEET } from "../../helpers/fleet-fixture";

const LAB_FLEET = join(__dirname, "..", "..", "..", "inventory", "fleets", "lab");

function facts(dir: string): NodeFacts[] {
  const { fleet } = loadFleet(dir);
  assert.ok(fleet, `fleet ${dir} should load`);
  return siteNodeFacts(expandSite(fleet.sites[0]!.site));
}

describe("fake nodes from the ledger", () => {
  after(cleanFleets);

  it("gives the lab's first node its hostname, labels, GPUs and kwok's annotation", () => {
    const nodes = facts(LAB_FLEET).map((f) => fakeNode(f));
    assert.deepEqual(
      nodes.map((n) => n.metadata.name),
      ["lab-1-h1-r001-n01", "lab-1-h1-r001-n02", "lab-1-h1-r001-n03"],
    );
    assert.deepEqual(nodes[0], {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: "lab-1-h1-r001-n01",
        labels: {
          "kubernetes.io/hostname": "lab-1-h1-r001-n01",
          "topology.kubernetes.io/region": "lab-1",
          "topology.kubernetes.io/zone": "h1",
          "gigafactory.eu/site": "lab-1",
          "gigafactory.eu/hall": "h1",
          "gigafactory.eu/rack": "lab-1-h1-r001",
          "gigafactory.eu/sku": "lab-node",
          "gigafactory.eu/accelerator": "SIM",
          "gigafactory.eu/rails": "1",
          "gigafactory.eu/nvlink-domain": "lab-1-h1-r001-n01",
          "gigafactory.eu/pool": "research",
          "gigafactory.eu/tenant-class": "research",
        },
        annotations: { "kwok.x-k8s.io/node": "fake" },
      },
      spec: { taints: [{ key: "gigafactory.eu/sku", value: "lab-node", effect: "NoSchedule" }] },
      status: {
        capacity: { cpu: "224", memory: "2Ti", pods: "110", "nvidia.com/gpu": "1" },
        allocatable: { cpu: "224", memory: "2Ti", pods: "110", "nvidia.com/gpu": "1" },
      },
    });
    assert.deepEqual(
      nodes.map((n) => n.metadata.labels[NODE_LABELS.pool]),
      ["research", "research", "startup"],
    );
    assert.equal(KWOK_NODE_SELECTOR, `${KWOK_NODE_ANNOTATION.key}=${KWOK_NODE_ANNOTATION.value}`);
  });

  it("takes the CPU, memory and pod capacity it is given", () => {
    const node = fakeNode(facts(LAB_FLEET)[0]!, { cpu: "8", memory: "64Gi", pods: "20" });
    assert.deepEqual(node.status.capacity, { cpu: "8", memory: "64Gi", pods: "20", [GPU_RESOURCE]: "1" });
  });

  it("puts every node of a rack-scale blueprint's rack in the rack's NVLink domain; HGX nodes are their own", () => {
    const hgx = facts(MINIMAL_FLEET);
    assert.deepEqual(
      hgx.map((f) => nodeLabels(f)[NODE_LABELS.nvlinkDomain]),
      hgx.map((f) => f.hostname),
    );
    const rackScale = facts(
      fleetWith("sites/tst-1.yaml", "accelerator: { model: H200, count: 8 }", "accelerator: { model: H200, count: 8, nvlinkDomain: rack }"),
    );
    assert.deepEqual(
      rackScale.map((f) => nodeLabels(f)[NODE_LABELS.nvlinkDomain]),
      ["tst-1-h1-r001", "tst-1-h1-r001", "tst-1-h1-r002", "tst-1-h1-r002"],
    );
    assert.deepEqual(
      rackScale.map((f) => fakeNode(f).status.capacity[GPU_RESOURCE]),
      ["8", "8", "8", "8"],
    );
  });

  it("leaves the pool and tenant class off a node no pool claims", () => {
    const labels = nodeLabels({ ...facts(LAB_FLEET)[0]!, pool: undefined, tenantClass: undefined });
    assert.equal(NODE_LABELS.pool in labels, false);
    assert.equal(NODE_LABELS.tenantClass in labels, false);
  });

  it("refuses a value that cannot be a label value, naming the node and the key", () => {
    const [first] = facts(fleetWith("sites/tst-1.yaml", "accelerator: { model: H200, count: 8 }", 'accelerator: { model: "H200 SXM", count: 8 }'));
    assert.throws(
      () => fakeNode(first!),
      new Error(
        `node [tst-1-h1-r001-n01] label gigafactory.eu/accelerator should be a label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends); got "H200 SXM"`,
      ),
    );
  });

  it("labels every node of any site with valid values, its hostname as name and its GPUs as capacity", () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
    fc.assert(
      fc.property(
        fc.record({
          hostname: id,
          site: id,
          hall: id,
          rackName: id,
          sku: id,
          acceleratorModel: fc.stringMatching(/^[A-Z][A-Z0-9]{0,8}$/),
          accelerators: fc.integer({ min: 1, max: 72 }),
          rails: fc.integer({ min: 1, max: 16 }),
          nvlinkDomain: fc.constantFrom("node" as const, "rack" as const),
        }),
        (f) => {
          const node = fakeNode(f);
          assert.equal(node.metadata.name, f.hostname);
          assert.equal(node.metadata.labels[NODE_LABELS.hostname], f.hostname);
          assert.equal(node.status.capacity[GPU_RESOURCE], String(f.accelerators));
          assert.deepEqual(node.status.allocatable, node.status.capacity);
          for (const value of Object.values(node.metadata.labels)) assert.ok(isLabelValue(value), value);
          assert.equal(node.metadata.labels[NODE_LABELS.nvlinkDomain], f.nvlinkDomain === "rack" ? f.rackName : f.hostname);
        },
      ),
    );
  });
});
