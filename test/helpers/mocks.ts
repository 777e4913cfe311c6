/**
 * Recording mocks for running Pulumi programs in unit tests: every registered resource is
 * recorded, and a type token outside the allowed set fails the registration (and so the test).
 */
import * as pulumi from "@pulumi/pulumi";

/** A resource the program registered. */
export interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
}

/** What the mocks saw: resources registered, and registrations refused for an unexpected type. */
export interface Recording extends Array<Recorded> {
  readonly refused: string[];
}

/** Installs mocks that accept only `allowedTypes`; returns the list that fills as resources register. */
export function recordResources(allowedTypes: readonly string[], project = "gigafactory", stack = "test"): Recording {
  const allowed = new Set(allowedTypes);
  const recorded = Object.assign([] as Recorded[], { refused: [] as string[] });
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        if (!allowed.has(args.type)) {
          const message = `unexpected resource type ${args.type} (${args.name})`;
          recorded.refused.push(message);
          throw new Error(message);
        }
        recorded.push({ type: args.type, name: args.name, custom: args.custom ?? false, inputs: args.inputs as Record<string, unknown> });
        return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs as Record<string, unknown> };
      },
      call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    project,
    stack,
    false,
  );
  return recorded;
}

/** The value inside an Output, for assertions (mocks resolve everything). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Counts of recorded resources by type token. */
export function countByType(recorded: readonly Recorded[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of recorded) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** Waits until every resource has registered (its URN is known), and returns the URNs by name. */
export async function urns(resources: readonly pulumi.Resource[]): Promise<Map<string, string>> {
  const all = await Promise.all(resources.map((r) => valueOf(r.urn)));
  return new Map(all.map((urn) => [urn.slice(urn.lastIndexOf("::") + 2), urn]));
}

/** The parent's type token and the resource's own, from a URN (`[parent, own]`; `[own]` at the root). */
export function parentAndType(urn: string): string[] {
  const parts = urn.split("::");
  return parts[parts.length - 2]!.split("$").slice(-2);
}

/** Polls `check` until it holds or `ms` pass; for registrations that never settle (refused ones). */
export async function eventually(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
