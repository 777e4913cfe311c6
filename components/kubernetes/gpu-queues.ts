/**
 * Kueue's cluster-wide objects of a site: a ResourceFlavor per GPU blueprint and a ClusterQueue per
 * tenant class, all in one cohort. Built by `kubernetesPlan`, which has already refused quotas
 * beyond the GPUs built.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Manifest } from "../../model/kubernetes/kueue";
import { createObject } from "./objects";

/** Arguments of {@link GpuQueues}. */
export interface GpuQueuesArgs {
  /** One ResourceFlavor per blueprint. */
  readonly flavours: readonly Manifest[];
  /** One ClusterQueue per tenant class. */
  readonly clusterQueues: readonly Manifest[];
}

/** The site's flavours and cluster queues. Pass the Kubernetes provider in `opts.providers`. */
export class GpuQueues extends pulumi.ComponentResource {
  constructor(name: string, args: GpuQueuesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:kubernetes:GpuQueues", name, { flavours: args.flavours.length, clusterQueues: args.clusterQueues.length }, opts);
    const flavours = args.flavours.map((f) => createObject(`${name}-flavour-${f.metadata.name}`, f, { parent: this }));
    for (const q of args.clusterQueues) createObject(`${name}-${q.metadata.name}`, q, { parent: this, dependsOn: flavours });
    this.registerOutputs({ flavours: args.flavours.map((f) => f.metadata.name), clusterQueues: args.clusterQueues.map((q) => q.metadata.name) });
  }
}
