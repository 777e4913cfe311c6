import assert from "node:assert/strict";
import fc from "fast-check";
import { siteBootstrapNodes } from "../../../../inventory/bootstrap-nodes";
import { renderBootstrap } from "../../../../model/baremetal/bootstrap/bundle";
import { DEFAULT_TIME_SERVERS } from "../../../../model/baremetal/bootstrap/defaults";
import type { BootstrapNode } from "../../../../model/baremetal/bootstrap/node";
import { renderBootstrapScript, scriptHash } from "../../../../model/baremetal/bootstrap/script";
import { loadFixture } from "../../kubernetes/fixture";

const ENDPOINT = { apiServerEndpoint: "10.250.1.100:6443" };
const labNodes = () => siteBootstrapNodes(loadFixture("lab").expanded);
const fileOf = (node: BootstrapNode, path: string, join = ENDPOINT) => renderBootstrap(node, join).files.find((f) => f.path === path)?.content;

describe("OS bootstrap renderers", () => {
  it("render the lab's first node: its files in order, from the ledger", () => {
    const [n01] = labNodes();
    const bundle = renderBootstrap(n01!, ENDPOINT);
    assert.equal(bundle.role, "gpu-worker");
    assert.deepEqual(
      bundle.files.map((f) => `${f.mode} ${f.path}`),
      [
        "644 /etc/hostname",
        "644 /etc/systemd/network/10-mgmt0.network",
        "644 /etc/systemd/network/11-stor0.network",
        "644 /etc/systemd/network/12-rail0.network",
        "644 /etc/modules-load.d/gigafactory.conf",
        "644 /etc/sysctl.d/90-gigafactory.conf",
        "644 /etc/chrony/chrony.conf",
        "644 /etc/containerd/config.toml",
        "644 /etc/kubernetes/kubelet.conf.d/50-gigafactory.conf",
        "600 /etc/gigafactory/kubeadm-join.yaml",
        "644 /etc/gigafactory/node.json",
        "755 /var/lib/gigafactory/bootstrap/actions.sh",
      ],
    );
    assert.equal(fileOf(n01!, "/etc/hostname"), "lab-1-h1-r001-n01\n");
    assert.equal(
      fileOf(n01!, "/etc/systemd/network/10-mgmt0.network"),
      "# Rendered by gigafactory from the ledger: lab-1-h1-r001-n01, in-band management network.\n[Match]\nName=mgmt0\n\n[Link]\nMTUBytes=1500\n\n[Network]\nAddress=10.250.1.1/24\nDHCP=no\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n",
    );
    assert.match(fileOf(n01!, "/etc/systemd/network/11-stor0.network")!, /^Address=10\.250\.2\.1\/24$/m);
    assert.match(fileOf(n01!, "/etc/systemd/network/12-rail0.network")!, /^# .*compute fabric, rail 0\.\n[^]*^MTUBytes=9000\n[^]*^Address=10\.250\.3\.1\/24$/m);
    assert.equal(
      fileOf(n01!, "/etc/chrony/chrony.conf"),
      `# Rendered by gigafactory: time sync of lab-1-h1-r001-n01.\n${DEFAULT_TIME_SERVERS.map((s) => `server ${s} iburst\n`).join("")}driftfile /var/lib/chrony/chrony.drift\nmakestep 1.0 3\nrtcsync\n`,
    );
    assert.equal(
      fileOf(n01!, "/etc/kubernetes/kubelet.conf.d/50-gigafactory.conf"),
      [
        "# Rendered by gigafactory: the kubelet's configuration of lab-1-h1-r001-n01.",
        "apiVersion: kubelet.config.k8s.io/v1beta1",
        "kind: KubeletConfiguration",
        "cgroupDriver: systemd",
        "containerRuntimeEndpoint: unix:///run/containerd/containerd.sock",
        "rotateCertificates: true",
        "serverTLSBootstrap: true",
        "systemReserved:",
        '  cpu: "4"',
        "  memory: 16Gi",
        "cpuManagerPolicy: static",
        "topologyManagerPolicy: best-effort",
        "topologyManagerScope: pod",
        "",
      ].join("\n"),
    );
  });

  it("give GPU workers NVIDIA's runtime as containerd's default, and the others runc", () => {
    const [n01] = labNodes();
    const gpu = fileOf(n01!, "/etc/containerd/config.toml")!;
    assert.match(gpu, /^version = 3$/m);
    assert.match(gpu, /^ {2}default_runtime_name = 'nvidia'$/m);
    assert.match(
      gpu,
      /^\[plugins\.'io\.containerd\.cri\.v1\.runtime'\.containerd\.runtimes\.nvidia\.options\]\n {2}BinaryName = '\/usr\/bin\/nvidia-container-runtime'\n {2}SystemdCgroup = true$/m,
    );
    for (const role of ["storage", "control-plane"] as const) {
      const other = fileOf({ ...n01!, role }, "/etc/containerd/config.toml")!;
      assert.match(other, /^ {2}default_runtime_name = 'runc'$/m);
      assert.doesNotMatch(other, /nvidia/);
    }
  });

  it("join with the ledger's labels and the role's taints; the token and CA hash only as placeholders", () => {
    const [n01] = labNodes();
    const join = fileOf(n01!, "/etc/gigafactory/kubeadm-join.yaml")!;
    assert.match(join, /^ {4}apiServerEndpoint: 10\.250\.1\.100:6443\n {4}token: "@BOOTSTRAP_TOKEN@"\n {4}caCertHashes:\n {6}- "@CA_CERT_HASH@"$/m);
    assert.match(join, /value: kubernetes\.io\/hostname=lab-1-h1-r001-n01,.*gigafactory\.eu\/sku=lab-node,.*gigafactory\.eu\/node-role=gpu-worker$/m);
    assert.match(join, /taints:\n {4}- key: gigafactory\.eu\/sku\n {6}value: lab-node\n {6}effect: NoSchedule$/m);
    const cp = fileOf({ ...n01!, role: "control-plane" }, "/etc/gigafactory/kubeadm-join.yaml")!;
    assert.match(cp, /- key: node-role\.kubernetes\.io\/control-plane\n {6}value: ""\n {6}effect: NoSchedule/);
    assert.match(cp, /controlPlane:\n {2}localAPIEndpoint:\n {4}advertiseAddress: 10\.250\.1\.1\n {4}bindPort: 6443/);
    const storage = fileOf({ ...n01!, role: "storage" }, "/etc/gigafactory/kubeadm-join.yaml")!;
    assert.match(storage, /- key: gigafactory\.eu\/node-role\n {6}value: storage\n {6}effect: NoSchedule/);
    assert.match(fileOf({ ...n01!, role: "storage" }, "/etc/gigafactory/node.json")!, /"role": "storage"/);
  });

  it("render no join without the Kubernetes layer's endpoint, and refuse a malformed one", () => {
    const [n01] = labNodes();
    const bundle = renderBootstrap(n01!);
    assert.equal(bundle.joins, false);
    assert.ok(!bundle.files.some((f) => f.path.endsWith("kubeadm-join.yaml")));
    assert.doesNotMatch(renderBootstrapScript(bundle), /kubeadm join|BOOTSTRAP_TOKEN/);
    assert.throws(
      () => renderBootstrap(n01!, { apiServerEndpoint: "https://10.250.1.100:6443" }),
      /^Error: join input apiServerEndpoint should be host:port \(e\.g\. api\.riga-1\.example:6443\); got "https:\/\/10\.250\.1\.100:6443"$/,
    );
  });

  it("take the site's time servers and role from the inventory; an InfiniBand rail gets IPoIB's MTU", () => {
    const riga = loadFixture("nordic").all.find((s) => s.site.id === "riga-1")!;
    const [first] = siteBootstrapNodes(riga, new Set([riga.nodes[0]!.hostname]));
    assert.equal(first!.role, "gpu-worker");
    const rails = first!.interfaces.filter((i) => i.network === "rail");
    assert.equal(rails.length, riga.blueprints.get(riga.nodes[0]!.blueprint)!.rails);
    const mtu = riga.site.network.compute.technology === "infiniband" ? 4092 : 9000;
    assert.ok(rails.every((r) => r.mtu === mtu));
  });

  it("are stable: the same node gives the same script and hash, byte for byte; any fact change changes the hash", () => {
    const nodes = labNodes();
    fc.assert(
      fc.property(
        fc.constantFrom(...nodes),
        fc.constantFrom("gpu-worker", "storage", "control-plane"),
        fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5})?$/), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (node, role, timeServers, joins) => {
          const n = { ...node, role, timeServers } as BootstrapNode;
          const join = joins ? ENDPOINT : undefined;
          const a = renderBootstrapScript(renderBootstrap(n, join));
          const b = renderBootstrapScript(renderBootstrap(structuredClone(n), join));
          assert.equal(a, b);
          assert.equal(scriptHash(a), scriptHash(b));
          const moved = renderBootstrapScript(renderBootstrap({ ...n, timeServers: [...timeServers, "extra.example"] }, join));
          assert.notEqual(scriptHash(moved), scriptHash(a));
        },
      ),
      { numRuns: 50 },
    );
  });
});
