/**
 * The OS bootstrap's contracts, one home: where files go on a node, how its interfaces are named,
 * the time servers used when the inventory names none, and the container runtime's fixed points.
 * Pure; no Pulumi.
 */

/**
 * Time servers for chrony when the site's `bootstrap.timeServers` names none: the NTP Pool's
 * European zone (https://www.ntppool.org/zone/europe), four names so chrony can outvote a falseticker.
 */
export const DEFAULT_TIME_SERVERS: readonly string[] = ["0.europe.pool.ntp.org", "1.europe.pool.ntp.org", "2.europe.pool.ntp.org", "3.europe.pool.ntp.org"];

/**
 * A node's interface names. The ledger knows each network's address, not the NIC that carries it;
 * the port is named on the node (a systemd `.link` file by MAC, from inspection) and the rendered
 * `.network` files match these names.
 */
export const INTERFACE_NAMES = {
  /** The in-band management network. */
  management: "mgmt0",
  /** The storage fabric. */
  storage: "stor0",
  /** Compute-fabric rail `r` (0-based). */
  rail: (r: number): string => `rail${r}`,
} as const;

/** MTU per network: jumbo frames on the fabrics (IPoIB datagram mode tops out at 4092), the default on management. */
export const MTU = { management: 1500, storage: 9000, ethernetRail: 9000, infinibandRail: 4092 } as const;

/** Where the bootstrap keeps its own files on a node. */
export const BOOTSTRAP_DIR = "/var/lib/gigafactory/bootstrap";
/** The bootstrap script on the node (CopyToRemote's target). */
export const BOOTSTRAP_SCRIPT = `${BOOTSTRAP_DIR}/bootstrap.sh`;
/** The script's path under a render mode's root directory (`/` in apply mode). */
export function bootstrapScriptPath(root: string): string {
  return `${root.replace(/\/$/, "")}${BOOTSTRAP_SCRIPT}`;
}
/** In render mode: every command the bootstrap would apply, with what triggers it. */
export const ACTIONS_FILE = `${BOOTSTRAP_DIR}/actions.sh`;
/** In render mode: the commands a run would have run, appended per run (a run that changes nothing appends nothing). */
export const WOULD_RUN_LOG = `${BOOTSTRAP_DIR}/would-run.log`;
/** The files whose commands have not all run yet (a failed run leaves it; the next run retries them). */
export const PENDING_FILE = `${BOOTSTRAP_DIR}/pending`;
/** The node's facts as the bootstrap saw them (JSON). */
export const NODE_FACTS_FILE = "/etc/gigafactory/node.json";
/** The kubeadm JoinConfiguration, with the token and CA hash left as placeholders (they arrive on stdin). */
export const JOIN_TEMPLATE_FILE = "/etc/gigafactory/kubeadm-join.yaml";
/** Where apply mode writes the filled-in JoinConfiguration (mode 0600 on a tmpfs) for the length of `kubeadm join`. */
export const JOIN_RUNTIME_FILE = "/run/gigafactory/kubeadm-join.yaml";
/** Placeholders in the join template. */
export const JOIN_PLACEHOLDERS = { token: "@BOOTSTRAP_TOKEN@", caCertHash: "@CA_CERT_HASH@" } as const;
/** The kubelet's drop-in configuration directory (`--config-dir`), which `kubeadm join` does not overwrite. */
export const KUBELET_DROP_IN_DIR = "/etc/kubernetes/kubelet.conf.d";
/** The file whose presence means the node has joined its cluster. */
export const JOINED_MARKER = "/etc/kubernetes/kubelet.conf";

/** containerd's CRI socket, for the kubelet and kubeadm. */
export const CONTAINERD_SOCKET = "unix:///run/containerd/containerd.sock";
/** The pause image of Kubernetes v1.35 (kubeadm's default). */
export const PAUSE_IMAGE = "registry.k8s.io/pause:3.10.1";
/** The NVIDIA Container Toolkit's runtime, containerd's default on GPU workers. */
export const NVIDIA_RUNTIME_BINARY = "/usr/bin/nvidia-container-runtime";
/** The API server's port on the control-plane endpoint. */
export const API_SERVER_PORT = 6443;
