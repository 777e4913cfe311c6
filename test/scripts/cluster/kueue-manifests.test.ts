/** Kueue's upstream manifests made to run outside the cluster: patches applied, services become loopback URLs. */
import assert from "node:assert/strict";
import { kueueCrds, kueueWebhooks, type KueueFiles, type KubeObject } from "../../../scripts/cluster/kueue-manifests";
import { kueueConfig, renderKubeconfig } from "../../../scripts/cluster/control-plane";
import { parse } from "yaml";

const endpoint = { baseUrl: "https://127.0.0.1:9443", caPem: "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n" };
const caBundle = Buffer.from(endpoint.caPem).toString("base64");
const service = (path: string) => ({ service: { name: "webhook-service", namespace: "system", path } });

function crd(name: string): KubeObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name },
    spec: { group: "kueue.x-k8s.io", names: { plural: name.split(".")[0] } },
  };
}

const files: KueueFiles = {
  crds: [crd("workloads.kueue.x-k8s.io"), crd("topologies.kueue.x-k8s.io")],
  crdPatches: [
    {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "workloads.kueue.x-k8s.io" },
      spec: { conversion: { strategy: "Webhook", webhook: { clientConfig: service("/convert"), conversionReviewVersions: ["v1"] } } },
    },
  ],
  webhooks: [
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "MutatingWebhookConfiguration",
      metadata: { name: "mutating-webhook-configuration" },
      webhooks: [
        { name: "mpod.kb.io", clientConfig: service("/mutate--v1-pod"), failurePolicy: "Fail" },
        { name: "mjob.kb.io", clientConfig: service("/mutate-batch-v1-job"), failurePolicy: "Fail" },
      ],
    },
  ],
  webhookPatches: [
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "MutatingWebhookConfiguration",
      metadata: { name: "mutating-webhook-configuration" },
      webhooks: [
        {
          name: "mpod.kb.io",
          namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["kube-system", "kueue-system"] }] },
        },
      ],
    },
  ],
};

describe("Kueue's manifests outside the cluster", () => {
  it("gives a patched CRD its conversion webhook on loopback and leaves the others alone", () => {
    const [workloads, topologies] = kueueCrds(files, endpoint);
    assert.deepEqual(workloads!.spec, {
      group: "kueue.x-k8s.io",
      names: { plural: "workloads" },
      conversion: { strategy: "Webhook", webhook: { clientConfig: { url: "https://127.0.0.1:9443/convert", caBundle }, conversionReviewVersions: ["v1"] } },
    });
    assert.deepEqual(topologies, crd("topologies.kueue.x-k8s.io"));
    assert.deepEqual(kueueCrds(files, endpoint)[0], workloads, "the input is left as it was");
  });

  it("prefixes the webhook configurations, merges upstream's namespace selectors and points every webhook at loopback", () => {
    const [mutating] = kueueWebhooks(files, endpoint, "kueue-");
    assert.equal(mutating!.metadata.name, "kueue-mutating-webhook-configuration");
    assert.deepEqual(mutating!.webhooks, [
      {
        name: "mpod.kb.io",
        clientConfig: { url: "https://127.0.0.1:9443/mutate--v1-pod", caBundle },
        failurePolicy: "Fail",
        namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["kube-system", "kueue-system"] }] },
      },
      { name: "mjob.kb.io", clientConfig: { url: "https://127.0.0.1:9443/mutate-batch-v1-job", caBundle }, failurePolicy: "Fail" },
    ]);
    assert.equal(files.webhooks[0]!.metadata.name, "mutating-webhook-configuration", "the input is left as it was");
  });

  it("configures Kueue on loopback with its own certificate management, only the Job integration, GPU-only quotas and fair sharing", () => {
    const config = kueueConfig({ webhook: 9443, health: 8081 }, "/tmp/c/kueue-certs");
    assert.deepEqual(
      {
        health: config.health,
        metrics: config.metrics,
        webhook: config.webhook,
        internalCertManagement: config.internalCertManagement,
        integrations: config.integrations,
        resources: config.resources,
        fairSharing: config.fairSharing,
      },
      {
        health: { healthProbeBindAddress: "127.0.0.1:8081" },
        metrics: { bindAddress: "0" },
        webhook: { host: "127.0.0.1", port: 9443, certDir: "/tmp/c/kueue-certs" },
        internalCertManagement: { enable: true, webhookServiceName: "kueue-webhook-service", webhookSecretName: "kueue-webhook-server-cert" },
        integrations: { frameworks: ["batch/job"] },
        resources: { excludeResourcePrefixes: ["cpu", "memory", "ephemeral-storage", "pods", "hugepages-"] },
        fairSharing: { preemptionStrategies: ["LessThanOrEqualToFinalShare", "LessThanInitialShare"] },
      },
    );
  });

  it("writes an admin kubeconfig with the certificates embedded", () => {
    const k = parse(renderKubeconfig("https://127.0.0.1:6443", "CA", "CERT", "KEY")) as Record<string, unknown>;
    assert.deepEqual(k, {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "gigafactory-lab", cluster: { server: "https://127.0.0.1:6443", "certificate-authority-data": "Q0E=" } }],
      users: [{ name: "gigafactory-lab-admin", user: { "client-certificate-data": "Q0VSVA==", "client-key-data": "S0VZ" } }],
      contexts: [{ name: "gigafactory-lab", context: { cluster: "gigafactory-lab", user: "gigafactory-lab-admin" } }],
      "current-context": "gigafactory-lab",
    });
  });
});
