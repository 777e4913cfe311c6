/**
 * Runs the program of one stack in this process under Pulumi's mocks, as `pulumi preview` would
 * run it but with no engine and no provider: every resource the program registers is recorded
 * with its inputs and the outputs its component registered. Nothing is created.
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { CONFIG_NAMESPACE, type StackConfig } from "../program/config";
import { buildStack, type LoadedSite, type StackSecrets } from "../program/stack";

/** The SDK's own wait for outstanding registrations (internal: not in its typings, as `runtime/config`'s `isConfigSecret` in `index.ts`). */
const waitForRPCs = (settings as unknown as { waitForRPCs: () => Promise<void> }).waitForRPCs;

/** The type of every stack's root resource, which the plan leaves out. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** A resource the program registered. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly custom: boolean;
  /** Inputs as the engine would receive them (secrets marked). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** What a component registered with `registerOutputs` (empty for custom resources: the mocks create nothing). */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** The parent's URN; absent for the root. */
  readonly parent?: string;
}

/** What the program of a stack did: the resources it registered, or the error that stopped it. */
export interface StackRun {
  readonly resources: readonly RecordedResource[];
  readonly error?: Error;
}

/**
 * Stand-ins for what an environment adds to a stack (BMC credentials, a kubeconfig): secrets, as
 * the real ones are, with values that mean nothing. The Kubernetes layer is planned against a
 * cluster, so that its objects are registered as `pulumi preview` registers them.
 */
export const PLAN_SECRETS: StackSecrets = {
  bmc: (needed) => new Map([...needed.keys()].map((ref) => [ref, { username: "plan", password: "plan" }])),
  kubernetes: () => ({ kubeconfig: pulumi.secret("plan") }),
};

interface MockState {
  readonly urn: string;
  readonly state?: unknown;
}

/** A registered resource's plain outputs: the mock monitor holds a protobuf `Struct` once outputs are registered. */
function plainOutputs(state: unknown): Record<string, unknown> {
  if (state && typeof (state as { toJavaScript?: unknown }).toJavaScript === "function") {
    return (state as { toJavaScript(): Record<string, unknown> }).toJavaScript();
  }
  return {};
}

/** `urn:pulumi:<stack>::<project>::<parent$type>::<name>` → type and name. */
function typeAndName(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  return { type: parts[2]!.split("$").pop()!, name: parts.slice(3).join("::") };
}

/** Runs stack `name` (config `config`, site `loaded`) under mocks and returns what it registered. */
export async function runStack(name: string, config: StackConfig, loaded: LoadedSite): Promise<StackRun> {
  const inputs = new Map<string, { inputs: Record<string, unknown>; custom: boolean; parent?: string }>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        inputs.set(`${args.type}::${args.name}`, { inputs: args.inputs as Record<string, unknown>, custom: args.custom ?? false });
        return { id: args.custom ? `${args.name}-id` : undefined, state: {} };
      },
      call: (args) => {
        throw new Error(`the plan runs offline; the program called ${args.token}`);
      },
    },
    CONFIG_NAMESPACE,
    name,
    true,
  );
  // The program's error is caught inside the stack, so that the SDK's own promises settle too.
  let error: Error | undefined;
  await runInPulumiStack(async () => {
    try {
      return buildStack(config, PLAN_SECRETS, loaded).outputs;
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
      return {};
    }
  });
  await waitForRPCs();
  const monitor = settings.getMonitor() as unknown as { resources: Map<string, MockState> };
  const resources: RecordedResource[] = [];
  for (const [urn, entry] of monitor.resources) {
    const { type, name: resourceName } = typeAndName(urn);
    const seen = inputs.get(`${type}::${resourceName}`);
    resources.push({
      type,
      name: resourceName,
      urn,
      custom: seen?.custom ?? false,
      inputs: seen?.inputs ?? {},
      outputs: seen?.custom ? {} : plainOutputs(entry.state),
    });
  }
  return { resources, ...(error ? { error } : {}) };
}
