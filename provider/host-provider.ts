/**
 * The `gigafactory-baremetal` resource provider: one long-lived process per engine run serving
 * every `BareMetalHost` of the stack. Check validates the inputs, Diff decides update-in-place
 * (never replace), Create provisions, Read reports the BMC's real power state (so `pulumi refresh`
 * shows a node powered off by hand), Update re-points or rotates without a power action (and
 * powers on a node found off), Delete deprovisions. One {@link FeedSemaphore} bounds the power and
 * boot actions of all hosts, whatever `pulumi up --parallel` says.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { power } from "../bmc/power";
import { bootFrom, inspect } from "../bmc/provisioning";
import { DEFAULT_BMC_PARALLELISM, DEFAULT_BMC_PARALLELISM_PER_FEED } from "../model/baremetal/parallelism";
import { matchBlueprint } from "./blueprint-check";
import { diffHost, hasChanges } from "./diff";
import { checkHostInputs, HOST_TYPE, type HostInputs, type HostOutputs } from "./host-inputs";
import { applyUpdate, deprovision, provision, readPower, type BmcCalls, type LifecycleContext } from "./lifecycle";
import { FeedSemaphore } from "./semaphore";

/** The real BMC client. */
export const BMC_CALLS: BmcCalls = { power, inspect, bootFrom, matchBlueprint };

/** The provider, over `calls` (the real BMC client by default). */
export class HostProvider implements provider.Provider {
  readonly version: string;
  readonly semaphore = new FeedSemaphore({ total: DEFAULT_BMC_PARALLELISM, perFeed: DEFAULT_BMC_PARALLELISM_PER_FEED });
  private readonly ctx: LifecycleContext;

  constructor(version: string, ctx: Omit<LifecycleContext, "semaphore"> = { calls: BMC_CALLS }) {
    this.version = version;
    this.ctx = { ...ctx, semaphore: this.semaphore };
  }

  async check(urn: string, _olds: unknown, news: Partial<HostInputs>): Promise<provider.CheckResult> {
    assertType(urn);
    return { inputs: news, failures: checkHostInputs(news) };
  }

  async diff(_id: string, urn: string, olds: Partial<HostOutputs>, news: Partial<HostInputs>): Promise<provider.DiffResult> {
    assertType(urn);
    return { changes: hasChanges(diffHost(olds, news)), replaces: [], deleteBeforeReplace: false };
  }

  async create(urn: string, inputs: HostInputs): Promise<provider.CreateResult> {
    assertType(urn);
    this.semaphore.configure(inputs.parallelism);
    const outs = await provision(inputs, this.ctx);
    return { id: inputs.hostname, outs };
  }

  async read(id: string, urn: string, props?: HostOutputs): Promise<provider.ReadResult> {
    assertType(urn);
    if (props === undefined || props.bmcUrl === undefined) throw new Error(`host [${id}]: cannot import a BareMetalHost; declare it in the inventory`);
    return { id, props: await readPower(props, this.ctx) };
  }

  async update(_id: string, urn: string, olds: HostOutputs, news: HostInputs): Promise<provider.UpdateResult> {
    assertType(urn);
    this.semaphore.configure(news.parallelism);
    return { outs: await applyUpdate(news, olds, diffHost(olds, news).actions, this.ctx) };
  }

  async delete(_id: string, urn: string, props: HostOutputs): Promise<void> {
    assertType(urn);
    this.semaphore.configure(props.parallelism);
    await deprovision(props, this.ctx);
  }
}

function assertType(urn: string): void {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== HOST_TYPE) throw new Error(`the gigafactory-baremetal provider serves ${HOST_TYPE} only, not ${type}`);
}
