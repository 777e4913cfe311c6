/**
 * The IPC_LOCK admission policy's CEL, evaluated by a CEL interpreter (@bufbuild/cel) on pods:
 * a pod the restricted profile admits passes, the same pod adding IPC_LOCK passes, and each
 * violation of the profile is refused with its message. The API server compiles the same
 * expressions against the Pod schema in the cluster tests.
 */
import assert from "node:assert/strict";
import { run } from "@bufbuild/cel";
import { restrictedWithIpcLock } from "../../../model/kubernetes/pod-security";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON as CEL sees a Kubernetes object: objects are maps, whole numbers are ints. */
function toCel(v: Json): unknown {
  if (Array.isArray(v)) return v.map(toCel);
  if (v !== null && typeof v === "object") return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  return typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v;
}

/** The messages of the validations `pod` fails. */
function refusals(pod: { [key: string]: Json }): string[] {
  return restrictedWithIpcLock()
    .filter((v) => run(v.expression, { object: toCel(pod) } as never) !== true)
    .map((v) => v.message);
}

/** A pod the restricted profile admits, with `change` applied to its first container and spec. */
function pod(change: (c: { [key: string]: Json }, spec: { [key: string]: Json }) => void = () => undefined): { [key: string]: Json } {
  const container: { [key: string]: Json } = {
    name: "train",
    image: "registry.example.eu/train:1",
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
  };
  const spec: { [key: string]: Json } = { securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } }, containers: [container] };
  change(container, spec);
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "uni" }, spec };
}

const caps = (c: { [key: string]: Json }) => (c.securityContext as { capabilities: { [key: string]: Json } }).capabilities;

describe("the IPC_LOCK admission policy (CEL)", () => {
  it("GIVEN a pod the restricted profile admits THEN it passes", () => {
    assert.deepEqual(refusals(pod()), []);
  });

  it("GIVEN the pod adds IPC_LOCK (and NET_BIND_SERVICE) THEN it passes", () => {
    assert.deepEqual(refusals(pod((c) => (caps(c).add = ["IPC_LOCK", "NET_BIND_SERVICE"]))), []);
  });

  it("GIVEN the pod adds any other capability THEN it is refused", () => {
    assert.deepEqual(refusals(pod((c) => (caps(c).add = ["IPC_LOCK", "SYS_ADMIN"]))), ["containers may add only NET_BIND_SERVICE and IPC_LOCK"]);
  });

  it("GIVEN an init container adds NET_RAW THEN it is refused too", () => {
    const init = { name: "init", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"], add: ["NET_RAW"] } } };
    assert.deepEqual(refusals(pod((_c, spec) => (spec.initContainers = [init]))), ["containers may add only NET_BIND_SERVICE and IPC_LOCK"]);
  });

  it("GIVEN each other violation of the restricted profile THEN it is refused with its message", () => {
    const cases: [string, (c: { [key: string]: Json }, spec: { [key: string]: Json }) => void][] = [
      ["containers must not be privileged", (c) => ((c.securityContext as { [key: string]: Json }).privileged = true)],
      ["pods must not share the host's network, PID or IPC namespace", (_c, spec) => (spec.hostNetwork = true)],
      [
        "volumes must be of the restricted types (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret); hostPath is refused",
        (_c, spec) => (spec.volumes = [{ name: "h", hostPath: { path: "/" } }]),
      ],
      ["containers must not use host ports", (c) => (c.ports = [{ containerPort: 80, hostPort: 80 }])],
      [
        "probes and lifecycle hooks must not name a host (httpGet.host, tcpSocket.host)",
        (c) => (c.livenessProbe = { httpGet: { path: "/", port: 80, host: "10.0.0.1" } }),
      ],
      [
        "probes and lifecycle hooks must not name a host (httpGet.host, tcpSocket.host)",
        (c) => (c.lifecycle = { preStop: { tcpSocket: { port: 22, host: "node" } } }),
      ],
      ["containers must drop ALL capabilities", (c) => (caps(c).drop = ["NET_RAW"])],
      [
        "containers must set securityContext.allowPrivilegeEscalation to false",
        (c) => delete (c.securityContext as { [key: string]: Json }).allowPrivilegeEscalation,
      ],
      ["pods must set securityContext.runAsNonRoot to true", (_c, spec) => delete (spec.securityContext as { [key: string]: Json }).runAsNonRoot],
      ["pods must not run as user 0", (c) => ((c.securityContext as { [key: string]: Json }).runAsUser = 0)],
      [
        "the seccomp profile must be RuntimeDefault or Localhost",
        (c) => ((c.securityContext as { [key: string]: Json }).seccompProfile = { type: "Unconfined" }),
      ],
      ["only the safe sysctls may be set", (_c, spec) => ((spec.securityContext as { [key: string]: Json }).sysctls = [{ name: "kernel.msgmax", value: "1" }])],
      ["containers must use the default /proc mount", (c) => ((c.securityContext as { [key: string]: Json }).procMount = "Unmasked")],
      [
        "SELinux options must keep a container type and set no user or role",
        (c) => ((c.securityContext as { [key: string]: Json }).seLinuxOptions = { type: "spc_t" }),
      ],
      [
        "the AppArmor profile must be RuntimeDefault or Localhost",
        (c) => ((c.securityContext as { [key: string]: Json }).appArmorProfile = { type: "Unconfined" }),
      ],
      ["pods must not run Windows host processes", (_c, spec) => ((spec.securityContext as { [key: string]: Json }).windowsOptions = { hostProcess: true })],
    ];
    for (const [message, change] of cases) assert.deepEqual(refusals(pod(change)), [message], message);
    assert.deepEqual(refusals(pod((c) => (c.readinessProbe = { httpGet: { path: "/", port: 80 } }))), [], "a probe of the pod itself passes");
  });

  it("GIVEN runAsNonRoot set on every container instead of the pod THEN it passes, and a container that unsets it is refused", () => {
    const perContainer = pod((c, spec) => {
      delete (spec.securityContext as { [key: string]: Json }).runAsNonRoot;
      (c.securityContext as { [key: string]: Json }).runAsNonRoot = true;
    });
    assert.deepEqual(refusals(perContainer), []);
    assert.deepEqual(refusals(pod((c) => ((c.securityContext as { [key: string]: Json }).runAsNonRoot = false))), [
      "pods must set securityContext.runAsNonRoot to true",
    ]);
  });
});
