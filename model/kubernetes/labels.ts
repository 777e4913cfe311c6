/**
 * The labels of the Kubernetes layer, one home: the tenant labels the components write and the
 * `tenant-isolation` rule reads, and the Pod Security Admission labels with the level each tenant
 * namespace enforces. See README "The Kubernetes layer" for why an RDMA tenant enforces
 * `privileged` and is held to the restricted profile by an admission policy instead.
 */

/** Marks a namespace as a tenant's; the value is the tenant id. */
export const TENANT_LABEL = "gigafactory.eu/tenant";
/** The tenant's class (startup, sme, research); the class's ClusterQueue selects namespaces by it. */
export const TENANT_CLASS_LABEL = "gigafactory.eu/tenant-class";
/** The site the object belongs to. */
export const SITE_LABEL = "gigafactory.eu/site";
/**
 * Set to {@link IPC_LOCK_EXCEPTION} on the namespace of a tenant the inventory marks for RDMA: the
 * admission policy that replaces the restricted profile there is bound to namespaces with it.
 */
export const POD_SECURITY_EXCEPTION_LABEL = "gigafactory.eu/pod-security-exception";
/** The only exception there is: containers may add the IPC_LOCK capability (RDMA memory registration). */
export const IPC_LOCK_EXCEPTION = "ipc-lock";

/** Pod Security Admission's label prefix (https://kubernetes.io/docs/concepts/security/pod-security-admission/). */
const PSA = "pod-security.kubernetes.io";
/** The mode labels and their version labels. */
export const POD_SECURITY_ENFORCE = `${PSA}/enforce`;
export const POD_SECURITY_AUDIT = `${PSA}/audit`;
export const POD_SECURITY_WARN = `${PSA}/warn`;
/** The Pod Security Standard levels. */
export const RESTRICTED = "restricted";
export const PRIVILEGED = "privileged";
/**
 * The version of the standards the namespaces pin, the minor of the Kubernetes release the layer
 * is tested on (v1.35), so a control-plane upgrade cannot tighten or loosen them unnoticed.
 */
export const POD_SECURITY_VERSION = "v1.35";

/** The Pod Security labels of a tenant namespace. */
export function podSecurityLabels(rdma: boolean): Record<string, string> {
  const enforce = rdma ? PRIVILEGED : RESTRICTED;
  return {
    [POD_SECURITY_ENFORCE]: enforce,
    [`${POD_SECURITY_ENFORCE}-version`]: POD_SECURITY_VERSION,
    [POD_SECURITY_AUDIT]: RESTRICTED,
    [`${POD_SECURITY_AUDIT}-version`]: POD_SECURITY_VERSION,
    [POD_SECURITY_WARN]: RESTRICTED,
    [`${POD_SECURITY_WARN}-version`]: POD_SECURITY_VERSION,
    ...(rdma ? { [POD_SECURITY_EXCEPTION_LABEL]: IPC_LOCK_EXCEPTION } : {}),
  };
}
