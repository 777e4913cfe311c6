/**
 * The kubelet's configuration and the kubeadm JoinConfiguration of a node, from the ledger and
 * the join endpoint the Kubernetes layer hands over. Labels and taints come from their one home,
 * `model/kubernetes/node-labels.ts`. The bootstrap token and the CA certificate hash are never
 * rendered: the template holds placeholders, filled in on the node from stdin at join time. Pure.
 */
import { stringify } from "yaml";
import { NODE_LABELS, nodeLabels, roleTaints } from "../../kubernetes/node-labels";
import { API_SERVER_PORT, CONTAINERD_SOCKET, JOIN_PLACEHOLDERS, JOIN_TEMPLATE_FILE, KUBELET_DROP_IN_DIR } from "./defaults";
import type { BootstrapNode, JoinEndpoint } from "./node";
import type { RenderedFile } from "./rendered";

/** The kubelet drop-in (`KUBELET_DROP_IN_DIR/50-gigafactory.conf`): what `kubeadm join` leaves alone. */
export const KUBELET_DROP_IN = `${KUBELET_DROP_IN_DIR}/50-gigafactory.conf`;

/** Resources held back from pods, by role: GPU workers keep more for the drivers, DCGM and the NICs' daemons. */
const SYSTEM_RESERVED = {
  "gpu-worker": { cpu: "4", memory: "16Gi" },
  storage: { cpu: "2", memory: "8Gi" },
  "control-plane": { cpu: "2", memory: "8Gi" },
} as const;

const yamlDocument = (hostname: string, what: string, value: unknown): string =>
  `# Rendered by gigafactory: ${what} of ${hostname}.\n${stringify(value, { lineWidth: 0, sortMapEntries: false })}`;

/** The KubeletConfiguration drop-in: systemd cgroups, containerd, certificate rotation; on GPU workers, pinned CPUs aligned with the GPUs and NICs. */
export function kubeletConfig(node: BootstrapNode): RenderedFile {
  const gpu = node.role === "gpu-worker";
  const config = {
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    kind: "KubeletConfiguration",
    cgroupDriver: "systemd",
    containerRuntimeEndpoint: CONTAINERD_SOCKET,
    rotateCertificates: true,
    serverTLSBootstrap: true,
    systemReserved: { ...SYSTEM_RESERVED[node.role] },
    ...(gpu ? { cpuManagerPolicy: "static", topologyManagerPolicy: "best-effort", topologyManagerScope: "pod" } : {}),
  };
  return { path: KUBELET_DROP_IN, mode: "644", content: yamlDocument(node.hostname, "the kubelet's configuration", config) };
}

/** The node's labels as the kubelet's `--node-labels` value (keys in node-labels.ts's order, then the role). */
export function nodeLabelsFlag(node: BootstrapNode): string {
  const labels = { ...nodeLabels(node.labels), [NODE_LABELS.role]: node.role };
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** Checks a join endpoint: `host:port`, the host a DNS name or IPv4 address. */
export function checkJoinEndpoint(endpoint: JoinEndpoint): void {
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?:\d{1,5}$/.test(endpoint.apiServerEndpoint))
    throw new Error(`join input apiServerEndpoint should be host:port (e.g. api.riga-1.example:${API_SERVER_PORT}); got "${endpoint.apiServerEndpoint}"`);
}

/** The kubeadm JoinConfiguration template (kubeadm.k8s.io/v1beta4), the token and CA hash as placeholders. */
export function joinTemplate(node: BootstrapNode, endpoint: JoinEndpoint): RenderedFile {
  checkJoinEndpoint(endpoint);
  const config = {
    apiVersion: "kubeadm.k8s.io/v1beta4",
    kind: "JoinConfiguration",
    discovery: {
      bootstrapToken: {
        apiServerEndpoint: endpoint.apiServerEndpoint,
        token: JOIN_PLACEHOLDERS.token,
        caCertHashes: [JOIN_PLACEHOLDERS.caCertHash],
      },
    },
    nodeRegistration: {
      name: node.hostname,
      criSocket: CONTAINERD_SOCKET,
      kubeletExtraArgs: [
        { name: "config-dir", value: KUBELET_DROP_IN_DIR },
        { name: "node-ip", value: node.inBandIp },
        { name: "node-labels", value: nodeLabelsFlag(node) },
      ],
      taints: roleTaints(node.role, node.labels.sku).map((t) => ({ ...t })),
    },
    ...(node.role === "control-plane" ? { controlPlane: { localAPIEndpoint: { advertiseAddress: node.inBandIp, bindPort: API_SERVER_PORT } } } : {}),
  };
  return { path: JOIN_TEMPLATE_FILE, mode: "600", content: yamlDocument(node.hostname, "the cluster join (token and CA hash filled in on the node)", config) };
}
