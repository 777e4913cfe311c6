/** What the OS bootstrap of one node is rendered from: a line of the ledger with its role, networks and time servers resolved. Pure. */
import type { NodeRole } from "../../../inventory/schema/bootstrap";
import type { NodeFacts } from "../../kubernetes/node-labels";

export type { NodeRole };

/** One network interface of a node and its address on the ledger's network. */
export interface NodeInterface {
  /** Interface name on the node (`INTERFACE_NAMES`). */
  readonly name: string;
  /** Which network it is on. */
  readonly network: "management" | "storage" | "rail";
  /** The rail's index, for rail interfaces. */
  readonly rail?: number;
  /** The node's address there. */
  readonly address: string;
  /** The network's prefix length. */
  readonly prefix: number;
  readonly mtu: number;
}

/** The facts one node's bootstrap is rendered from. */
export interface BootstrapNode {
  /** The ledger's hostname, `riga-1-h1-r001-n01`. */
  readonly hostname: string;
  readonly role: NodeRole;
  /** The in-band management address: where SSH reaches the node. */
  readonly inBandIp: string;
  /** Management first, then storage, then the rails in order. */
  readonly interfaces: readonly NodeInterface[];
  /** chrony's servers: the site's, or `DEFAULT_TIME_SERVERS`. */
  readonly timeServers: readonly string[];
  /** The NVIDIA driver the GPU Operator installs on this blueprint (recorded in the node's facts). */
  readonly driverVersion: string;
  /** What the node's Kubernetes labels are made of (`model/kubernetes/node-labels.ts`). */
  readonly labels: NodeFacts;
}

/** What the Kubernetes layer hands over for a node to join, apart from its secrets (token, CA hash: they travel on stdin). */
export interface JoinEndpoint {
  /** `host:port` of the API server (kubeadm's `apiServerEndpoint`). */
  readonly apiServerEndpoint: string;
}
