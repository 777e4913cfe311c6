/**
 * The Pulumi program. A stack is one site, one layer and one shard (see `stacks/`); this file only
 * reads the stack's configuration and hands it to the composition in `program/`.
 */
import * as pulumi from "@pulumi/pulumi";
import { resolve } from "node:path";
import { parseStackConfig } from "./program/config";
import { buildStack } from "./program/stack";

const config = new pulumi.Config("gigafactory");
const stack = buildStack(
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
      return renderDir !== undefined ? { renderDir: resolve(__dirname, renderDir) } : { kubeconfig: config.requireSecret("kubeconfig") };
    },
  },
);

/** Everything the stack reports: power budget, address plan, fabric sizes, pools, the racks of a shard, advisories. */
export const outputs = stack.outputs;
