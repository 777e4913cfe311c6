/** `gpu-quota` in the pack: the classes' GPU quotas of a blueprint fit the GPUs built of it. */
import { checkGpuQuota, gpuQuotaMeta } from "./rules/gpu-quota";
import { sitePolicy } from "./site-policy";

/** The tenant classes are promised no GPU that is not built. */
export const limitGpuQuota = sitePolicy(gpuQuotaMeta, (facts) => checkGpuQuota(facts));
