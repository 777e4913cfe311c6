/** The type tokens the program may register, by layer: what the recording mocks accept. */

/** The physical layer's components. */
export const PHYSICAL_TYPES = [
  "gigafactory:site:Site",
  "gigafactory:site:Hall",
  "gigafactory:site:Rack",
  "gigafactory:compute:GpuNodePool",
  "gigafactory:storage:StorageSystem",
  "gigafactory:network:ComputeFabric",
  "gigafactory:network:Switch",
  "gigafactory:network:StorageFabric",
  "gigafactory:network:ManagementNetwork",
  "gigafactory:network:OutOfBandNetwork",
] as const;

/** What the Kubernetes layer registers besides namespaces, NetworkPolicies and quotas. */
export const KUBERNETES_TYPES_ADDED = [
  "gigafactory:kubernetes:GpuQueues",
  "gigafactory:kubernetes:IpcLockException",
  "gigafactory:kubernetes:GpuSoftware",
  "kubernetes:core/v1:LimitRange",
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
  "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
  "kubernetes:kueue.x-k8s.io/v1beta2:ResourceFlavor",
  "kubernetes:kueue.x-k8s.io/v1beta2:ClusterQueue",
  "kubernetes:kueue.x-k8s.io/v1beta2:LocalQueue",
] as const;

/** Every type token of every layer. */
export const ALL_TYPES = [
  ...PHYSICAL_TYPES,
  "gigafactory:baremetal:BareMetalNode",
  "gigafactory-baremetal:index:BareMetalHost",
  "gigafactory:kubernetes:TenantNamespace",
  "command:local:Command",
  "pulumi:providers:kubernetes",
  "kubernetes:core/v1:Namespace",
  "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  "kubernetes:core/v1:ResourceQuota",
  ...KUBERNETES_TYPES_ADDED,
] as const;
