/**
 * `tenant-isolation` as the engine runs it: namespaces judged when registered (`Analyze`), the
 * default-deny NetworkPolicy judged over the whole stack (`AnalyzeStack`); and the stack check that
 * no provisioning happens without a site resource.
 */
import assert from "node:assert/strict";
import type { HarnessResource, PackHarness } from "../harness/pack";
import { sharedPack } from "../harness/shared";
import { factsOf, siteResource } from "./fixture";

const NS = "kubernetes:core/v1:Namespace";
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The compliant tenant namespace. */
function namespace(change: (labels: Record<string, string>) => void = () => undefined): HarnessResource {
  const labels: Record<string, string> = { "gigafactory.eu/tenant": "acme", "pod-security.kubernetes.io/enforce": "restricted" };
  change(labels);
  return { type: NS, name: "acme", props: { metadata: { name: "acme", labels } } };
}

/** The compliant default-deny policy in namespace `acme`. */
function denyAll(change: (spec: Record<string, unknown>, metadata: Record<string, unknown>) => void = () => undefined): HarnessResource {
  const spec: Record<string, unknown> = { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
  const metadata: Record<string, unknown> = { name: "default-deny", namespace: "acme" };
  change(spec, metadata);
  return { type: NP, name: "acme-default-deny", props: { metadata, spec } };
}

const NO_DEFAULT_DENY =
  "namespace [acme] should have a default-deny NetworkPolicy; none of its NetworkPolicies (default-deny) selects every pod and denies both ingress and egress";

describe("policy pack over gRPC: tenant isolation", function () {
  this.timeout(60_000);
  let pack: PackHarness;
  const stack = async (...resources: HarnessResource[]) =>
    (await pack.analyzeStack([siteResource(factsOf()), ...resources])).map((d) => ({ policy: d.policy, message: d.detail, urn: d.urn }));
  const analyze = async (r: HarnessResource) => (await pack.analyze(r)).map((d) => d.detail);

  before(async () => {
    pack = await sharedPack();
  });
  beforeEach(() => pack.configure({}));

  it("accepts a restricted tenant namespace with a default-deny policy", async () => {
    assert.deepEqual(await analyze(namespace()), []);
    assert.deepEqual(await analyze(denyAll()), []);
    assert.deepEqual(await stack(namespace(), denyAll()), []);
  });

  it("refuses a tenant namespace without the enforce label", async () => {
    const ns = namespace((l) => delete l["pod-security.kubernetes.io/enforce"]);
    assert.deepEqual(await analyze(ns), [
      "namespace [acme] should enforce the restricted Pod Security Standard; label pod-security.kubernetes.io/enforce is missing",
    ]);
  });

  it("refuses a tenant namespace at the baseline level", async () => {
    const ns = namespace((l) => (l["pod-security.kubernetes.io/enforce"] = "baseline"));
    assert.deepEqual(await analyze(ns), [
      'namespace [acme] should enforce the restricted Pod Security Standard; label pod-security.kubernetes.io/enforce is "baseline"',
    ]);
  });

  it("leaves namespaces that are not a tenant's alone", async () => {
    const ns = namespace((l) => {
      delete l["gigafactory.eu/tenant"];
      delete l["pod-security.kubernetes.io/enforce"];
    });
    assert.deepEqual(await analyze(ns), []);
    assert.deepEqual(await stack(ns), []);
  });

  it("refuses a tenant namespace without any NetworkPolicy, at the namespace", async () => {
    assert.deepEqual(await stack(namespace()), [
      {
        policy: "tenant-isolation",
        message: "namespace [acme] should have a default-deny NetworkPolicy; it has no NetworkPolicy",
        urn: "urn:pulumi:test::gigafactory::kubernetes:core/v1:Namespace::acme",
      },
    ]);
  });

  it("refuses a policy that selects only some pods", async () => {
    const np = denyAll((spec) => (spec.podSelector = { matchLabels: { app: "web" } }));
    assert.deepEqual(
      (await stack(namespace(), np)).map((v) => v.message),
      [NO_DEFAULT_DENY],
    );
  });

  it("refuses a policy that denies ingress only", async () => {
    const np = denyAll((spec) => (spec.policyTypes = ["Ingress"]));
    assert.deepEqual(
      (await stack(namespace(), np)).map((v) => v.message),
      [NO_DEFAULT_DENY],
    );
  });

  it("refuses a policy that allows some egress", async () => {
    const np = denyAll((spec) => (spec.egress = [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }]));
    assert.deepEqual(
      (await stack(namespace(), np)).map((v) => v.message),
      [NO_DEFAULT_DENY],
    );
  });

  it("does not count a policy of another namespace", async () => {
    const np = denyAll((_spec, metadata) => (metadata.namespace = "other"));
    assert.deepEqual(
      (await stack(namespace(), np)).map((v) => v.message),
      ["namespace [acme] should have a default-deny NetworkPolicy; it has no NetworkPolicy"],
    );
  });

  it("reads the tenant label from its configuration", async () => {
    await pack.configure({ "tenant-isolation": { properties: { tenantLabel: "example.org/tenant" } } });
    assert.deepEqual(await analyze(namespace((l) => delete l["pod-security.kubernetes.io/enforce"])), []);
    const other = namespace((l) => ((l["example.org/tenant"] = "acme"), (l["pod-security.kubernetes.io/enforce"] = "privileged")));
    assert.deepEqual(await analyze(other), [
      'namespace [acme] should enforce the restricted Pod Security Standard; label pod-security.kubernetes.io/enforce is "privileged"',
    ]);
  });

  describe("the IPC_LOCK exception of an RDMA tenant", () => {
    const rdma = () =>
      namespace((l) => {
        l["pod-security.kubernetes.io/enforce"] = "privileged";
        l["pod-security.kubernetes.io/audit"] = "restricted";
        l["pod-security.kubernetes.io/warn"] = "restricted";
        l["gigafactory.eu/pod-security-exception"] = "ipc-lock";
      });
    const binding = (change: (spec: Record<string, unknown>) => void = () => undefined): HarnessResource => {
      const spec: Record<string, unknown> = {
        policyName: "gigafactory-restricted-with-ipc-lock",
        validationActions: ["Deny"],
        matchResources: { namespaceSelector: { matchLabels: { "gigafactory.eu/pod-security-exception": "ipc-lock" } } },
      };
      change(spec);
      return {
        type: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
        name: "ipc-lock-binding",
        props: { metadata: { name: "gigafactory-restricted-with-ipc-lock" }, spec },
      };
    };
    const policy = (): HarnessResource => ({
      type: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
      name: "ipc-lock-policy",
      props: { metadata: { name: "gigafactory-restricted-with-ipc-lock" }, spec: {} },
    });
    const UNBOUND =
      "namespace [acme] should be held to the restricted profile by the admission policy gigafactory-restricted-with-ipc-lock; it enforces privileged and the stack binds no such policy to gigafactory.eu/pod-security-exception=ipc-lock with Deny";

    it("accepts a namespace that takes it with the policy bound", async () => {
      assert.deepEqual(await analyze(rdma()), []);
      assert.deepEqual(await stack(rdma(), denyAll(), policy(), binding()), []);
    });

    it("refuses a binding to a policy the stack does not declare (the API server would ignore it)", async () => {
      assert.deepEqual(
        (await stack(rdma(), denyAll(), binding())).map((v) => v.message),
        [
          "namespace [acme] should be held to the restricted profile by the admission policy gigafactory-restricted-with-ipc-lock; it enforces privileged and the stack binds gigafactory-restricted-with-ipc-lock but does not declare it",
        ],
      );
    });

    it("refuses it without the binding, or with a binding that only warns", async () => {
      assert.deepEqual(
        (await stack(rdma(), denyAll(), policy())).map((v) => v.message),
        [UNBOUND],
      );
      assert.deepEqual(
        (
          await stack(
            rdma(),
            denyAll(),
            policy(),
            binding((spec) => (spec.validationActions = ["Warn"])),
          )
        ).map((v) => v.message),
        [UNBOUND],
      );
    });

    it("refuses privileged without the exception label, or with restricted audit dropped", async () => {
      const unlabelled = namespace((l) => (l["pod-security.kubernetes.io/enforce"] = "privileged"));
      assert.deepEqual(await analyze(unlabelled), [
        'namespace [acme] should enforce the restricted Pod Security Standard; label pod-security.kubernetes.io/enforce is "privileged"',
      ]);
      const rdmaNs = rdma();
      delete (rdmaNs.props as { metadata: { labels: Record<string, string> } }).metadata.labels["pod-security.kubernetes.io/audit"];
      assert.deepEqual(await analyze(rdmaNs), [
        'namespace [acme] should enforce the restricted Pod Security Standard; label pod-security.kubernetes.io/enforce is "privileged"',
      ]);
    });
  });

  it("refuses a stack that provisions without a site resource", async () => {
    const found = (await pack.analyzeStack([namespace(), denyAll()])).map((d) => ({ policy: d.policy, message: d.detail }));
    assert.deepEqual(found, [
      {
        policy: "eu-jurisdiction",
        message:
          "stack should register a gigafactory:site:Site resource with the site facts before provisioning; it registers 2 provisioning resources (kubernetes:core/v1:Namespace, kubernetes:networking.k8s.io/v1:NetworkPolicy) and none",
      },
    ]);
  });
});
