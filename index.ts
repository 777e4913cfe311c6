/**
 * The Pulumi program. A stack is one site, one layer and one shard (see `stacks/`); this file only
 * reads the stack's configuration and hands it to the composition in `program/`.
 */
import * as pulumi from "@pulumi/pulumi";
import { resolve } from "node:path";
import { parseStackConfig } from "./program/config";
import { buildStack } from "./program/stack";
import { PreflightError } from "./policies/preflight";

const config = new pulumi.Config("gigafactory");

/** Builds the stack; a refusal of the preflight gate is reported as the gate's message alone, without a stack trace. */
function build(): ReturnType<typeof buildStack> {
  try {
    return buildStack(
  parseStackConfig(
    {
      fleet: config.get("fleet"),
      site: config.get("site"),
      layer: config.get("layer"),
      shard: config.get("shard"),
      racksPerShard: config.getNumber("racksPerShard"),
      switchesPerShard: config.getNumber("switchesPerShard"),
    },
    __dirname,
  ),
  {
    bmc: () => ({ username: config.requireSecret("bmcUsername"), password: config.requireSecret("bmcPassword") }),
    kubernetes: () => {
      const renderDir = config.get("renderDir");
      const chartRepository = config.get("chartRepository");
      const charts = chartRepository !== undefined ? { chartRepository } : {};
      return renderDir !== undefined ? { renderDir: resolve(__dirname, renderDir), ...charts } : { kubeconfig: config.requireSecret("kubeconfig"), ...charts };
    },
  },
    );
  } catch (e) {
    if (e instanceof PreflightError) throw new pulumi.RunError(e.message);
    throw e;
  }
}

const stack = build();

/** Everything the stack reports: power budget, address plan, fabric sizes, pools, the racks of a shard, advisories. */
export const outputs = stack.outputs;
