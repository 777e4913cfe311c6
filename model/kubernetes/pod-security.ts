/**
 * The one exception to the restricted Pod Security Standard: RDMA training registers memory with
 * the NIC and needs the `IPC_LOCK` capability, which `restricted` refuses (it lets a container add
 * only `NET_BIND_SERVICE`) and so does `baseline` (its list of addable capabilities has no
 * `IPC_LOCK`). Pod Security Admission has no per-capability exemption; its exemptions (users,
 * runtime classes, namespaces) switch every check off. So the namespace of a tenant the inventory
 * marks for RDMA enforces `privileged` (audit and warn stay `restricted`), and this
 * ValidatingAdmissionPolicy, bound to namespaces labelled for the exception, enforces every
 * control of the restricted profile (Kubernetes v1.35,
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/) with `IPC_LOCK` as the one
 * capability added to `NET_BIND_SERVICE`. Nothing wider.
 */
import { IPC_LOCK_EXCEPTION, POD_SECURITY_EXCEPTION_LABEL } from "./labels";
import type { Manifest } from "./kueue";

/** The policy's name, and its binding's. */
export const IPC_LOCK_POLICY = "gigafactory-restricted-with-ipc-lock";
/** The capabilities a container of an RDMA tenant may add. */
export const RDMA_ADDABLE_CAPABILITIES = ["NET_BIND_SERVICE", "IPC_LOCK"] as const;
/** The volume types the restricted profile allows. */
export const RESTRICTED_VOLUME_TYPES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"] as const;
/** The sysctls the baseline profile allows (Kubernetes v1.35). */
export const SAFE_SYSCTLS = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
] as const;

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;
const list = (values: readonly string[]) => `[${values.map((v) => `'${v}'`).join(", ")}]`;

/** `pred` (over `c`) holds for every container, init container and ephemeral container. */
function everyContainer(pred: string): string {
  return CONTAINER_LISTS.map((l) =>
    l === "containers" ? `object.spec.${l}.all(c, ${pred})` : `(!has(object.spec.${l}) || object.spec.${l}.all(c, ${pred}))`,
  ).join(" && ");
}

/** `x.securityContext.<path>` is unset, or `ok` holds for `v` (its value). */
function unsetOr(x: string, path: string, ok: (v: string) => string): string {
  const parts = path.split(".");
  const guards = parts.map(
    (_, i) =>
      `!has(${x}.securityContext${parts
        .slice(0, i + 1)
        .map((p) => `.${p}`)
        .join("")})`,
  );
  return `(!has(${x}.securityContext) || ${guards.join(" || ")} || ${ok(`${x}.securityContext.${path}`)})`;
}

/** `x.securityContext.<path>` is set and `ok` holds for it. */
function setAnd(x: string, path: string, ok: (v: string) => string): string {
  const parts = path.split(".");
  const present = parts.map(
    (_, i) =>
      `has(${x}.securityContext${parts
        .slice(0, i + 1)
        .map((p) => `.${p}`)
        .join("")})`,
  );
  return `(has(${x}.securityContext) && ${present.join(" && ")} && ${ok(`${x}.securityContext.${path}`)})`;
}

/** Both the pod's and every container's security context satisfy `check`. */
const podAndContainers = (check: (x: string) => string) => `${check("object.spec")} && ${everyContainer(check("c"))}`;

/** A pod-level setting that containers inherit: set well on the pod (and not overridden badly), or set well on every container. */
function inherited(path: string, good: (v: string) => string): string {
  return `${setAnd("object.spec", path, good)} ? (${everyContainer(unsetOr("c", path, good))}) : (${everyContainer(setAnd("c", path, good))})`;
}

/** The probes and lifecycle hooks of a container, whose target host the baseline profile leaves unset (Host Probes / Lifecycle Hooks, v1.34+). */
const HANDLERS = ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle.postStart", "lifecycle.preStop"] as const;

/** Container `c`'s handler at `path` is absent, or names no host in `httpGet` or `tcpSocket`. */
function handlerNamesNoHost(path: string): string {
  const parts = path.split(".");
  const present = parts.map((_, i) => `has(c.${parts.slice(0, i + 1).join(".")})`).join(" && ");
  const h = `c.${path}`;
  return `(!(${present}) || ((!has(${h}.httpGet) || !has(${h}.httpGet.host) || ${h}.httpGet.host == '') && (!has(${h}.tcpSocket) || !has(${h}.tcpSocket.host) || ${h}.tcpSocket.host == '')))`;
}

/** One CEL validation: the expression every admitted pod satisfies, and the message of a refusal. */
export interface Validation {
  readonly expression: string;
  readonly message: string;
}

/** The restricted profile's controls, with IPC_LOCK addable. */
export function restrictedWithIpcLock(): Validation[] {
  const seccompOk = (v: string) => `${v} in ['RuntimeDefault', 'Localhost']`;
  return [
    {
      expression:
        "!(has(object.spec.hostNetwork) && object.spec.hostNetwork) && !(has(object.spec.hostPID) && object.spec.hostPID) && !(has(object.spec.hostIPC) && object.spec.hostIPC)",
      message: "pods must not share the host's network, PID or IPC namespace",
    },
    { expression: everyContainer(unsetOr("c", "privileged", (v) => `!${v}`)), message: "containers must not be privileged" },
    { expression: podAndContainers((x) => unsetOr(x, "windowsOptions.hostProcess", (v) => `!${v}`)), message: "pods must not run Windows host processes" },
    {
      expression: `!has(object.spec.volumes) || object.spec.volumes.all(v, ${RESTRICTED_VOLUME_TYPES.map((t) => `has(v.${t})`).join(" || ")})`,
      message: `volumes must be of the restricted types (${RESTRICTED_VOLUME_TYPES.join(", ")}); hostPath is refused`,
    },
    { expression: everyContainer("!has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0)"), message: "containers must not use host ports" },
    {
      expression: everyContainer(HANDLERS.map(handlerNamesNoHost).join(" && ")),
      message: "probes and lifecycle hooks must not name a host (httpGet.host, tcpSocket.host)",
    },
    {
      expression:
        podAndContainers((x) => unsetOr(x, "appArmorProfile", (v) => `${v}.type in ['RuntimeDefault', 'Localhost']`)) +
        " && (!has(object.metadata.annotations) || object.metadata.annotations.all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/') || object.metadata.annotations[k] == 'runtime/default' || object.metadata.annotations[k].startsWith('localhost/')))",
      message: "the AppArmor profile must be RuntimeDefault or Localhost",
    },
    {
      expression: podAndContainers((x) =>
        unsetOr(
          x,
          "seLinuxOptions",
          (v) =>
            `((!has(${v}.type) || ${v}.type in ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']) && (!has(${v}.user) || ${v}.user == '') && (!has(${v}.role) || ${v}.role == ''))`,
        ),
      ),
      message: "SELinux options must keep a container type and set no user or role",
    },
    { expression: everyContainer(unsetOr("c", "procMount", (v) => `${v} == 'Default'`)), message: "containers must use the default /proc mount" },
    {
      expression: unsetOr("object.spec", "sysctls", (v) => `${v}.all(s, s.name in ${list(SAFE_SYSCTLS)})`),
      message: "only the safe sysctls may be set",
    },
    {
      expression: everyContainer(setAnd("c", "allowPrivilegeEscalation", (v) => `${v} == false`)),
      message: "containers must set securityContext.allowPrivilegeEscalation to false",
    },
    { expression: inherited("runAsNonRoot", (v) => `${v} == true`), message: "pods must set securityContext.runAsNonRoot to true" },
    { expression: podAndContainers((x) => unsetOr(x, "runAsUser", (v) => `${v} != 0`)), message: "pods must not run as user 0" },
    { expression: inherited("seccompProfile.type", seccompOk), message: "the seccomp profile must be RuntimeDefault or Localhost" },
    {
      expression: everyContainer(setAnd("c", "capabilities.drop", (v) => `'ALL' in ${v}`)),
      message: "containers must drop ALL capabilities",
    },
    {
      expression: everyContainer(unsetOr("c", "capabilities.add", (v) => `${v}.all(a, a in ${list(RDMA_ADDABLE_CAPABILITIES)})`)),
      message: `containers may add only ${RDMA_ADDABLE_CAPABILITIES.join(" and ")}`,
    },
  ];
}

/** The policy and its binding to the namespaces labelled for the IPC_LOCK exception. */
export function ipcLockPolicy(): { policy: Manifest; binding: Manifest } {
  return {
    policy: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name: IPC_LOCK_POLICY },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: {
          resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["pods", "pods/ephemeralcontainers"] }],
        },
        validations: restrictedWithIpcLock().map((v) => ({ ...v, reason: "Forbidden" })),
      },
    },
    binding: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name: IPC_LOCK_POLICY },
      spec: {
        policyName: IPC_LOCK_POLICY,
        validationActions: ["Deny"],
        matchResources: { namespaceSelector: { matchLabels: { [POD_SECURITY_EXCEPTION_LABEL]: IPC_LOCK_EXCEPTION } } },
      },
    },
  };
}
