/**
 * The GPU software of a site, as typed Helm values and custom resources: NVIDIA's GPU Operator
 * (drivers, device plugin, DCGM exporter, MIG) and Network Operator (NIC drivers and the RDMA
 * device plugin for the compute rails), with pinned chart versions.
 *
 * Value keys as the charts document them: GPU Operator "Chart Customization Options"
 * (https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/getting-started.html:
 * `driver.*`, `mig.strategy`, `dcgmExporter.enabled`, `driver.rdma.enabled`) and its NVIDIADriver
 * custom resource, one driver version per node selector
 * (https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-driver-configuration.html);
 * Network Operator's `nfd.enabled` and its `NicClusterPolicy` (`mellanox.com/v1alpha1`,
 * https://docs.nvidia.com/networking/display/kubernetes2570/customizations/cr-full-example.html).
 */
import type { Site } from "../../inventory/schema/site";
import type { Manifest } from "./kueue";
import { SITE_LABEL } from "./labels";
import { NODE_LABELS } from "./node-labels";

/** A Helm chart pinned to one version. */
export interface PinnedChart {
  readonly chart: string;
  readonly version: string;
  /** The namespace the release goes to; Pod Security `privileged` (the operators run host-level daemons). */
  readonly namespace: string;
}

/** NVIDIA GPU Operator v25.3.4 (default driver 580.82.07). */
export const GPU_OPERATOR_CHART: PinnedChart = { chart: "gpu-operator", version: "v25.3.4", namespace: "gpu-operator" };
/** NVIDIA Network Operator 25.7.0. */
export const NETWORK_OPERATOR_CHART: PinnedChart = { chart: "network-operator", version: "25.7.0", namespace: "nvidia-network-operator" };
/** NVIDIA's chart repository, which the lab cannot reach. */
export const NVIDIA_CHART_REPOSITORY = "https://helm.ngc.nvidia.com/nvidia";
/** Images of the Network Operator's components, as its 25.7.0 release documents them. */
const NETWORK_OPERATOR_IMAGES = {
  repository: "nvcr.io/nvidia/mellanox",
  docaDriver: "doca3.1.0-25.07-0.9.7.0-0",
  components: "network-operator-v25.7.0",
} as const;
/** The RDMA resource a pod requests to reach the compute rails. */
export const RDMA_RESOURCE = "rdma/compute_rails";

/** A toleration for the GPU nodes' SKU taint, for the operators' node daemons. */
const SKU_TOLERATION = { key: NODE_LABELS.sku, operator: "Exists", effect: "NoSchedule" } as const;

/** What the site's GPU software consists of. */
export interface GpuSoftware {
  readonly gpuOperator: { readonly chart: PinnedChart; readonly values: Record<string, unknown> };
  readonly networkOperator: { readonly chart: PinnedChart; readonly values: Record<string, unknown> };
  /** One NVIDIADriver per blueprint: its driver version on its nodes. */
  readonly drivers: readonly Manifest[];
  /** The NicClusterPolicy for the compute rails. */
  readonly nicClusterPolicy: Manifest;
}

/** Whether the site's compute fabric carries RDMA to the GPUs (GPUDirect RDMA): InfiniBand, or any tenant marked for RDMA. */
export function gpuDirectRdma(site: Pick<Site, "network" | "tenants">): boolean {
  return site.network.compute.technology === "infiniband" || site.tenants.some((t) => t.rdma);
}

/** The GPU software of `site`. */
export function gpuSoftware(site: Pick<Site, "id" | "blueprints" | "network" | "tenants" | "gpuSoftware">): GpuSoftware {
  const rdma = gpuDirectRdma(site);
  const infiniband = site.network.compute.technology === "infiniband";
  return {
    gpuOperator: {
      chart: GPU_OPERATOR_CHART,
      values: {
        driver: { enabled: true, nvidiaDriverCRD: { enabled: true, deployDefaultCR: false }, rdma: { enabled: rdma, useHostMofed: false } },
        mig: { strategy: site.gpuSoftware.migStrategy },
        dcgmExporter: { enabled: site.gpuSoftware.dcgmExporter },
        daemonsets: { tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }, SKU_TOLERATION] },
      },
    },
    networkOperator: { chart: NETWORK_OPERATOR_CHART, values: { nfd: { enabled: false } } },
    drivers: site.blueprints.map((b) => ({
      apiVersion: "nvidia.com/v1alpha1",
      kind: "NVIDIADriver",
      metadata: { name: b.id, labels: { [SITE_LABEL]: site.id } },
      spec: {
        driverType: "gpu",
        repository: "nvcr.io/nvidia",
        image: "driver",
        version: b.driverVersion,
        nodeSelector: { [NODE_LABELS.sku]: b.id },
        tolerations: [SKU_TOLERATION],
        rdma: { enabled: rdma, useHostMofed: false },
      },
    })),
    nicClusterPolicy: {
      apiVersion: "mellanox.com/v1alpha1",
      kind: "NicClusterPolicy",
      metadata: { name: "nic-cluster-policy", labels: { [SITE_LABEL]: site.id } },
      spec: {
        tolerations: [SKU_TOLERATION],
        ofedDriver: { image: "doca-driver", repository: NETWORK_OPERATOR_IMAGES.repository, version: NETWORK_OPERATOR_IMAGES.docaDriver },
        rdmaSharedDevicePlugin: {
          image: "k8s-rdma-shared-dev-plugin",
          repository: NETWORK_OPERATOR_IMAGES.repository,
          version: NETWORK_OPERATOR_IMAGES.components,
          config: JSON.stringify({
            configList: [
              {
                resourceName: RDMA_RESOURCE.split("/")[1],
                rdmaHcaMax: 63,
                selectors: { vendors: ["15b3"], linkTypes: [infiniband ? "infiniband" : "ether"] },
              },
            ],
          }),
        },
      },
    },
  };
}
