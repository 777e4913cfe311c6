/**
 * The cluster join inputs the Kubernetes layer hands the bare-metal layer (kubeadm's token-based
 * discovery): the API server endpoint, the hash of the cluster CA's public key, and a bootstrap
 * token with the Secret that makes the API server accept it. Pure; no Pulumi.
 */
import { createHash, X509Certificate } from "node:crypto";
import { parse } from "yaml";

/** The stack outputs that carry the join inputs, one home for the names the producer exports and the consumer reads. */
export const JOIN_OUTPUTS = {
  /** `host:port`, plain. */
  apiServerEndpoint: "joinApiServerEndpoint",
  /** `sha256:<hex>`, a secret. */
  caCertHash: "joinCaCertHash",
  /** The bootstrap token, a secret. */
  token: "joinToken",
} as const;

/** kubeadm's bootstrap token format: `<id>.<secret>`, 6 and 16 of `[a-z0-9]`. */
const TOKEN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;

/** The group kubeadm's default node bootstrap RBAC binds (`kubeadm init` creates the bindings). */
export const BOOTSTRAP_GROUP = "system:bootstrappers:kubeadm:default-node-token";

/** kubeadm's `--discovery-token-ca-cert-hash` of a CA certificate: sha256 of its DER SubjectPublicKeyInfo. */
export function caCertHash(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: "spki", format: "der" });
  return `sha256:${createHash("sha256").update(spki).digest("hex")}`;
}

/** `host:port` of an API server URL (`https://10.0.0.1:6443` → `10.0.0.1:6443`; the port defaults to 443). */
export function apiServerEndpoint(server: string): string {
  const url = new URL(server);
  if (url.protocol !== "https:") throw new Error(`the cluster's server should be an https:// URL; got "${server}"`);
  return `${url.hostname}:${url.port || "443"}`;
}

interface Kubeconfig {
  readonly "current-context"?: string;
  readonly contexts?: readonly { readonly name: string; readonly context: { readonly cluster: string } }[];
  readonly clusters?: readonly { readonly name: string; readonly cluster: { readonly server: string; readonly "certificate-authority-data"?: string } }[];
}

/**
 * The endpoint and CA hash of the current context's cluster of a kubeconfig. Throws naming what is
 * missing, never quoting the kubeconfig (it holds credentials).
 */
export function joinFromKubeconfig(kubeconfig: string): { apiServerEndpoint: string; caCertHash: string } {
  const config = parse(kubeconfig) as Kubeconfig;
  const contextName = config["current-context"];
  const context = config.contexts?.find((c) => c.name === contextName) ?? (config.contexts?.length === 1 ? config.contexts[0] : undefined);
  const cluster = config.clusters?.find((c) => c.name === context?.context.cluster) ?? (config.clusters?.length === 1 ? config.clusters[0] : undefined);
  if (!cluster) throw new Error("the kubeconfig names no cluster for its current context");
  const ca = cluster.cluster["certificate-authority-data"];
  if (!ca) throw new Error(`the kubeconfig's cluster [${cluster.name}] has no certificate-authority-data (the join needs the CA's hash)`);
  return { apiServerEndpoint: apiServerEndpoint(cluster.cluster.server), caCertHash: caCertHash(Buffer.from(ca, "base64").toString("utf8")) };
}

/** Splits a bootstrap token; throws without quoting it when it is malformed. */
export function parseBootstrapToken(token: string): { id: string; secret: string } {
  const m = TOKEN.exec(token);
  if (!m)
    throw new Error("the bootstrap token should be <6 of [a-z0-9]>.<16 of [a-z0-9]> (`kubeadm token generate` prints one); the value given is not (not shown)");
  return { id: m[1]!, secret: m[2]! };
}

/** The `bootstrap.kubernetes.io/token` Secret in kube-system that makes the API server accept `token` for joining nodes. */
export function bootstrapTokenSecret(token: string): {
  metadata: { name: string; namespace: string };
  type: string;
  stringData: Record<string, string>;
} {
  const { id, secret } = parseBootstrapToken(token);
  return {
    metadata: { name: `bootstrap-token-${id}`, namespace: "kube-system" },
    type: "bootstrap.kubernetes.io/token",
    stringData: {
      "token-id": id,
      "token-secret": secret,
      "usage-bootstrap-authentication": "true",
      "usage-bootstrap-signing": "true",
      "auth-extra-groups": BOOTSTRAP_GROUP,
    },
  };
}
