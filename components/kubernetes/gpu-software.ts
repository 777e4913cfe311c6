/**
 * NVIDIA's GPU Operator and Network Operator as Helm releases with pinned chart versions, and the
 * custom resources they serve (an NVIDIADriver per blueprint, the NicClusterPolicy of the compute
 * rails). Where no chart repository is configured (the lab cannot reach NVIDIA's), nothing of it
 * is applied: the component warns, and its `rendered` output holds the typed values and objects
 * that would have been applied. Its `applied` and `renderedOnly` outputs say which is which.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { GpuSoftware as GpuSoftwarePlan, PinnedChart } from "../../model/kubernetes/gpu-software";
import { POD_SECURITY_ENFORCE, PRIVILEGED } from "../../model/kubernetes/labels";
import { createObject } from "./objects";

/** Arguments of {@link GpuSoftware}. */
export interface GpuSoftwareArgs {
  /** The charts, values and custom resources, from the layer's plan. */
  readonly software: GpuSoftwarePlan;
  /**
   * The Helm repository that serves both charts (NVIDIA's, or a mirror of it).
   * @default none: nothing is applied, everything is rendered into the `rendered` output
   */
  readonly chartRepository?: string;
}

/** What the component did with each part, by name. */
export interface GpuSoftwareReport {
  readonly applied: readonly string[];
  readonly renderedOnly: readonly string[];
}

/** The names of the parts, in the order they are listed. */
export function gpuSoftwareParts(software: GpuSoftwarePlan): string[] {
  return [
    `helm:${software.gpuOperator.chart.chart}@${software.gpuOperator.chart.version}`,
    `helm:${software.networkOperator.chart.chart}@${software.networkOperator.chart.version}`,
    ...software.drivers.map((d) => `${d.kind}/${d.metadata.name}`),
    `${software.nicClusterPolicy.kind}/${software.nicClusterPolicy.metadata.name}`,
  ];
}

/** The GPU software of a site. Pass the Kubernetes provider in `opts.providers`. */
export class GpuSoftware extends pulumi.ComponentResource {
  readonly report: GpuSoftwareReport;

  constructor(name: string, args: GpuSoftwareArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:kubernetes:GpuSoftware", name, { chartRepository: args.chartRepository ?? "" }, opts);
    const { software } = args;
    const parts = gpuSoftwareParts(software);
    if (args.chartRepository === undefined) {
      pulumi.log.warn(
        `GPU software rendered only, not applied (no chart repository configured): ${parts.join(", ")}; see the stack output gpuSoftware.rendered`,
        this,
      );
      this.report = { applied: [], renderedOnly: parts };
    } else {
      const release = (chart: PinnedChart, values: Record<string, unknown>) => {
        const ns = new k8s.core.v1.Namespace(
          `${name}-${chart.chart}-namespace`,
          { metadata: { name: chart.namespace, labels: { [POD_SECURITY_ENFORCE]: PRIVILEGED } } },
          { parent: this },
        );
        return new k8s.helm.v3.Release(
          `${name}-${chart.chart}`,
          { chart: chart.chart, version: chart.version, namespace: chart.namespace, repositoryOpts: { repo: args.chartRepository! }, values, atomic: true },
          { parent: this, dependsOn: [ns] },
        );
      };
      const releases = [
        release(software.gpuOperator.chart, software.gpuOperator.values),
        release(software.networkOperator.chart, software.networkOperator.values),
      ];
      for (const d of software.drivers) createObject(`${name}-driver-${d.metadata.name}`, d, { parent: this, dependsOn: releases });
      createObject(`${name}-nic-cluster-policy`, software.nicClusterPolicy, { parent: this, dependsOn: releases });
      this.report = { applied: parts, renderedOnly: [] };
    }
    this.registerOutputs({ ...this.report, rendered: args.chartRepository === undefined ? software : undefined });
  }
}
