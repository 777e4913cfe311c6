/**
 * A node's whole bootstrap: every file it installs and every command their changes trigger, per
 * role. Pure and deterministic: the same node and endpoint give the same bundle, byte for byte.
 */
import { containerdConfig } from "./container-runtime";
import { ACTIONS_FILE, JOIN_RUNTIME_FILE, NODE_FACTS_FILE } from "./defaults";
import { joinTemplate, kubeletConfig } from "./kubernetes";
import { networkFiles } from "./network";
import type { BootstrapNode, JoinEndpoint, NodeRole } from "./node";
import type { BootstrapAction, RenderedFile } from "./rendered";
import { shellLine } from "./shell";
import { chronyConfig } from "./time-sync";

/** What one node's bootstrap installs and runs. */
export interface BootstrapBundle {
  readonly hostname: string;
  readonly role: NodeRole;
  /** Files in install order. */
  readonly files: readonly RenderedFile[];
  /** Commands in run order, each triggered by a change of one of its files. */
  readonly actions: readonly BootstrapAction[];
  /** Whether the bundle joins the node to a cluster (the join template is among the files). */
  readonly joins: boolean;
}

/** The packages a role needs; their repositories (Kubernetes, NVIDIA) come with the role's OS image. */
export const ROLE_PACKAGES: Readonly<Record<NodeRole, readonly string[]>> = {
  "gpu-worker": ["chrony", "containerd", "kubelet", "kubeadm", "nvidia-container-toolkit"],
  storage: ["chrony", "containerd", "kubelet", "kubeadm"],
  "control-plane": ["chrony", "containerd", "kubelet", "kubeadm", "kubectl"],
};

const file = (path: string, content: string, mode = "644"): RenderedFile => ({ path, mode, content });

/** The node's facts as recorded on it: what the bootstrap was rendered from (no secret). */
function nodeFacts(node: BootstrapNode): RenderedFile {
  const facts = {
    hostname: node.hostname,
    role: node.role,
    site: node.labels.site,
    hall: node.labels.hall,
    rack: node.labels.rackName,
    sku: node.labels.sku,
    accelerator: { model: node.labels.acceleratorModel, count: node.labels.accelerators },
    driverVersion: node.driverVersion,
    inBandIp: node.inBandIp,
    interfaces: node.interfaces.map((i) => ({ name: i.name, address: `${i.address}/${i.prefix}` })),
  };
  return file(NODE_FACTS_FILE, `${JSON.stringify(facts, null, 2)}\n`);
}

/** The commands, each after the files it depends on. */
function actionsOf(node: BootstrapNode, files: readonly RenderedFile[]): BootstrapAction[] {
  const paths = (re: RegExp) => files.filter((f) => re.test(f.path)).map((f) => f.path);
  return [
    {
      id: "packages",
      triggers: [NODE_FACTS_FILE],
      command: ["apt-get", "install", "-y", "--no-install-recommends", "-o", "Dpkg::Options::=--force-confold", ...ROLE_PACKAGES[node.role]],
    },
    { id: "hostname", triggers: ["/etc/hostname"], command: ["hostnamectl", "set-hostname", node.hostname] },
    { id: "network", triggers: paths(/^\/etc\/systemd\/network\//), command: ["networkctl", "reload"] },
    { id: "modules", triggers: ["/etc/modules-load.d/gigafactory.conf"], command: ["systemctl", "restart", "systemd-modules-load.service"] },
    { id: "sysctl", triggers: ["/etc/sysctl.d/90-gigafactory.conf"], command: ["sysctl", "--system"] },
    { id: "time-sync", triggers: ["/etc/chrony/chrony.conf"], command: ["systemctl", "restart", "chrony.service"] },
    { id: "containerd", triggers: ["/etc/containerd/config.toml"], command: ["systemctl", "restart", "containerd.service"] },
    // try-restart: a kubelet that is not running yet (before the join) is left to kubeadm.
    { id: "kubelet", triggers: paths(/^\/etc\/kubernetes\/kubelet\.conf\.d\//), command: ["systemctl", "try-restart", "kubelet.service"] },
  ];
}

/** The file listing every command the bootstrap applies and what triggers it (installed on the node; render mode's record). */
function actionsFile(node: BootstrapNode, actions: readonly BootstrapAction[], joins: boolean): RenderedFile {
  const lines = [
    "#!/bin/sh",
    `# Rendered by gigafactory: what the OS bootstrap of ${node.hostname} (${node.role}) applies, in order.`,
    "# Each command runs when one of the files after 'when' changed.",
    ...actions.map((a) => `# when ${a.triggers.join(" ")}\n${shellLine(a.command)}`),
    ...(joins
      ? [
          `# when not joined yet (the token and CA hash arrive on stdin, never in a file here)\n${shellLine(["kubeadm", "join", "--config", JOIN_RUNTIME_FILE])}`,
        ]
      : []),
    "",
  ];
  return file(ACTIONS_FILE, lines.join("\n"), "755");
}

/** Renders the bootstrap of `node`; with `join`, the node also joins the cluster at that endpoint. */
export function renderBootstrap(node: BootstrapNode, join?: JoinEndpoint): BootstrapBundle {
  const files: RenderedFile[] = [
    file("/etc/hostname", `${node.hostname}\n`),
    ...networkFiles(node),
    file("/etc/modules-load.d/gigafactory.conf", "# Rendered by gigafactory: what containerd and the kubelet need.\noverlay\nbr_netfilter\n"),
    file(
      "/etc/sysctl.d/90-gigafactory.conf",
      "# Rendered by gigafactory: what the kubelet and pod networking need.\nnet.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\n",
    ),
    chronyConfig(node.hostname, node.timeServers),
    containerdConfig(node.hostname, node.role),
    kubeletConfig(node),
    ...(join ? [joinTemplate(node, join)] : []),
    nodeFacts(node),
  ];
  const actions = actionsOf(node, files);
  files.push(actionsFile(node, actions, join !== undefined));
  return { hostname: node.hostname, role: node.role, files, actions, joins: join !== undefined };
}
