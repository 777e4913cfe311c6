/** How a site's GPU software is configured: the GPU Operator's cluster-wide settings. */
import { Type, type Static } from "@sinclair/typebox";
import { OneOf, Strict } from "./common";

/** The GPU Operator's `mig.strategy`: how MIG slices are exposed (`single`: as `nvidia.com/gpu`; `mixed`: per profile). */
export const MigStrategy = OneOf(["none", "single", "mixed"] as const, { description: "GPU Operator mig.strategy", default: "single" });
export type MigStrategy = Static<typeof MigStrategy>;

/** The GPU software settings of a site; every field has a default, so the section may be left out. */
export const GpuSoftwareSettings = Strict({
  migStrategy: MigStrategy,
  dcgmExporter: Type.Boolean({ default: true, description: "run NVIDIA's DCGM exporter (GPU metrics for Prometheus)" }),
});
export type GpuSoftwareSettings = Static<typeof GpuSoftwareSettings>;
