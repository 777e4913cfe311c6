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

/** Installs mocks that accept only `allowedTypes`; returns the list that fills as resources register. */
export function recordResources(allowedTypes: readonly string[], project = "gigafactory", stack = "test"): Recorded[] {
  const allowed = new Set(allowedTypes);
  const recorded: Recorded[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        if (!allowed.has(args.type)) throw new Error(`unexpected resource type ${args.type} (${args.name})`);
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

/** Lets the runtime finish pending registrations. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
