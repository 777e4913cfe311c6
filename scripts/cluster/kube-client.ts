/**
 * A small Kubernetes API client for the loopback control plane: HTTPS with the admin's client
 * certificate, JSON in and out, server-side apply. Enough to start the cluster and to check it
 * from tests; Pulumi's kubernetes provider is what the project applies its layer with.
 */
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import type { KubeObject } from "./kueue-manifests";

/** Where and as whom the client talks. */
export interface KubeEndpoint {
  /** `https://127.0.0.1:6443`. */
  readonly server: string;
  /** CA, client certificate and key files (PEM). */
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** An answer of the API server. */
export interface KubeResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** Resource paths of the kinds this project creates through the client, by `apiVersion/kind`. */
const RESOURCES: Readonly<Record<string, { readonly plural: string; readonly namespaced: boolean }>> = {
  "v1/Node": { plural: "nodes", namespaced: false },
  "v1/Namespace": { plural: "namespaces", namespaced: false },
  "v1/Secret": { plural: "secrets", namespaced: true },
  "v1/ConfigMap": { plural: "configmaps", namespaced: true },
  "v1/Pod": { plural: "pods", namespaced: true },
  "batch/v1/Job": { plural: "jobs", namespaced: true },
  "apiextensions.k8s.io/v1/CustomResourceDefinition": { plural: "customresourcedefinitions", namespaced: false },
  "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration": { plural: "mutatingwebhookconfigurations", namespaced: false },
  "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration": { plural: "validatingwebhookconfigurations", namespaced: false },
};

/** The API path of an object (`name` given) or of its collection. */
export function objectPath(apiVersion: string, kind: string, name?: string, namespace?: string): string {
  const resource = RESOURCES[`${apiVersion}/${kind}`];
  if (!resource) throw new Error(`kube client: no resource path known for ${apiVersion} ${kind}`);
  const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  if (resource.namespaced && !namespace) throw new Error(`kube client: ${kind} ${name ?? ""} needs a namespace`);
  const ns = resource.namespaced ? `/namespaces/${encodeURIComponent(namespace!)}` : "";
  return `${base}${ns}/${resource.plural}${name === undefined ? "" : `/${encodeURIComponent(name)}`}`;
}

/** The client. */
export class KubeClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(readonly endpoint: KubeEndpoint) {
    this.url = new URL(endpoint.server);
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 16,
      ca: readFileSync(endpoint.caFile),
      cert: readFileSync(endpoint.certFile),
      key: readFileSync(endpoint.keyFile),
    });
  }

  /** One request; the body is parsed as JSON when it is JSON. Never throws on an HTTP status. */
  request<T = unknown>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<KubeResponse<T>> {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: {
            accept: "application/json",
            ...(payload === undefined ? {} : { "content-type": contentType, "content-length": Buffer.byteLength(payload) }),
          },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: /readyz answers "ok"
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** GET a path, throwing on any status but 200. */
  async get<T = unknown>(path: string): Promise<T> {
    const res = await this.request<T>("GET", path);
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${describe(res.body)}`);
    return res.body;
  }

  /** Server-side apply of an object (created or updated; field manager `gigafactory-cluster`). */
  async apply(obj: KubeObject): Promise<void> {
    const namespace = (obj.metadata as { namespace?: string }).namespace;
    const path = `${objectPath(obj.apiVersion, obj.kind, obj.metadata.name, namespace)}?fieldManager=gigafactory-cluster&force=true`;
    const res = await this.request("PATCH", path, obj, "application/apply-patch+yaml");
    if (res.status !== 200 && res.status !== 201) throw new Error(`apply ${obj.kind} ${obj.metadata.name}: HTTP ${res.status} ${describe(res.body)}`);
  }

  /** Polls `check` every 250 ms until it returns true; throws `what` with the last error after `timeoutMs`. */
  async waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
    await waitUntil(what, timeoutMs, check);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}

/** Thrown by a check to stop {@link waitUntil} at once (the process it waits for has exited, say). */
export class GiveUp extends Error {}

/**
 * Polls `check` every 250 ms until it returns true; after `timeoutMs` throws, naming `what` and the
 * last error. A {@link GiveUp} thrown by `check` ends the wait at once.
 */
export async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last = "";
    try {
      if (await check()) return;
    } catch (e) {
      if (e instanceof GiveUp) throw e;
      last = (e as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s${last ? ` (${last})` : ""}`);
    await sleep(250);
  }
}

function describe(body: unknown): string {
  if (typeof body === "object" && body !== null && "message" in body) return String((body as { message: unknown }).message);
  return typeof body === "string" ? body.slice(0, 300) : "";
}
