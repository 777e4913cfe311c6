/**
 * Kueue's own manifests, made to run outside the cluster: the CRDs and webhook configurations
 * upstream ships in `config/components/` (copied into .tools/cluster/kueue by
 * tools/build-cluster.sh), with upstream's kustomize patches applied and every
 * `clientConfig.service` turned into a URL on loopback, where the controller listens.
 * Kueue's certificate rotator then keeps the CA bundles (see pki.ts for why it accepts ours).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

/** A parsed Kubernetes object. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; [k: string]: unknown }; [k: string]: unknown };

/** Where the controller's webhook server answers. */
export interface WebhookEndpoint {
  /** `https://127.0.0.1:9443`, no trailing slash. */
  readonly baseUrl: string;
  /** PEM of the CA that signed the webhook's serving certificate. */
  readonly caPem: string;
}

/** Upstream's files as read from disk. */
export interface KueueFiles {
  /** `crd/bases/*.yaml`, one CRD each. */
  readonly crds: readonly KubeObject[];
  /** `crd/kustomization.yaml`'s patches, by path, parsed. */
  readonly crdPatches: readonly KubeObject[];
  /** `webhook/manifests.yaml`: the two webhook configurations. */
  readonly webhooks: readonly KubeObject[];
  /** `patches[].patch` of upstream's webhook kustomization (namespace selectors), parsed. */
  readonly webhookPatches: readonly KubeObject[];
}

function docs(text: string, file: string): KubeObject[] {
  return parseAllDocuments(text).flatMap((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0]!.message}`);
    const value = d.toJS() as KubeObject | null;
    return value ? [value] : [];
  });
}

/** Reads upstream's files from the directory tools/build-cluster.sh fills. */
export function readKueueFiles(dir: string): KueueFiles {
  const crdDir = join(dir, "crd");
  const read = (file: string) => readFileSync(file, "utf8");
  const crds = readdirSync(join(crdDir, "bases"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .flatMap((f) => docs(read(join(crdDir, "bases", f)), f));
  const crdKustomization = docs(read(join(crdDir, "kustomization.yaml")), "crd/kustomization.yaml")[0] as unknown as { patches?: { path?: string }[] };
  const crdPatches = (crdKustomization.patches ?? []).flatMap((p) => (p.path ? docs(read(join(crdDir, p.path)), p.path) : []));
  const webhooks = docs(read(join(dir, "webhook", "manifests.yaml")), "webhook/manifests.yaml");
  const webhookKustomization = docs(read(join(dir, "webhook", "kustomization.yaml")), "webhook/kustomization.yaml")[0] as unknown as {
    patches?: { patch?: string }[];
  };
  const webhookPatches = (webhookKustomization.patches ?? []).flatMap((p) => (p.patch ? docs(p.patch, "webhook/kustomization.yaml") : []));
  return { crds, crdPatches, webhooks, webhookPatches };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Merges `patch` into `target` as kustomize's strategic merge does for maps (lists are replaced). */
function merge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(patch)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : v;
  return out;
}

function toUrl(clientConfig: Record<string, unknown>, endpoint: WebhookEndpoint): Record<string, unknown> {
  const service = clientConfig.service as { path?: string } | undefined;
  if (!service) return clientConfig;
  const { service: _, ...rest } = clientConfig;
  return { ...rest, url: `${endpoint.baseUrl}${service.path ?? "/"}`, caBundle: Buffer.from(endpoint.caPem).toString("base64") };
}

/** The CRDs with upstream's patches (conversion webhooks) applied, pointed at `endpoint`. */
export function kueueCrds(files: KueueFiles, endpoint: WebhookEndpoint): KubeObject[] {
  return files.crds.map((crd) => {
    let out = structuredClone(crd) as Record<string, unknown>;
    for (const p of files.crdPatches) if (p.kind === crd.kind && p.metadata.name === crd.metadata.name) out = merge(out, { spec: structuredClone(p.spec) });
    const webhook = (out.spec as { conversion?: { webhook?: { clientConfig?: Record<string, unknown> } } }).conversion?.webhook;
    if (webhook?.clientConfig) webhook.clientConfig = toUrl(webhook.clientConfig, endpoint);
    return out as KubeObject;
  });
}

/**
 * The webhook configurations, named `<prefix><upstream name>` (upstream's kustomize `namePrefix`,
 * which Kueue's rotator derives from its webhook service's name), with upstream's per-webhook
 * patches merged in by webhook name and every service reference turned into a URL.
 */
export function kueueWebhooks(files: KueueFiles, endpoint: WebhookEndpoint, namePrefix: string): KubeObject[] {
  return files.webhooks.map((config) => {
    const patches = files.webhookPatches.filter((p) => p.kind === config.kind && p.metadata.name === config.metadata.name);
    const webhooks = ((config.webhooks as Record<string, unknown>[] | undefined) ?? []).map((hook) => {
      let out = hook;
      for (const p of patches) for (const ph of (p.webhooks as Record<string, unknown>[] | undefined) ?? []) if (ph.name === hook.name) out = merge(out, ph);
      return { ...out, clientConfig: toUrl(out.clientConfig as Record<string, unknown>, endpoint) };
    });
    return { ...config, metadata: { ...config.metadata, name: `${namePrefix}${config.metadata.name}` }, webhooks };
  });
}
