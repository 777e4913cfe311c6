/**
 * Lets `no-plaintext-secrets` tell secret inputs from plaintext ones.
 *
 * The engine sends resource inputs with their secrets marked, but `@pulumi/policy` 1.21 unwraps
 * them before a validation sees them, so no policy can tell whether a value was a secret
 * (pulumi/pulumi-policy#241, open). `installSecretAwareness` wraps the SDK's deserialiser: every
 * policy still gets exactly the values it got before, and the inputs as the engine sent them (the
 * wire form, secrets marked) are kept aside, keyed by the deserialised object; `wireInputs` finds
 * them again from the proxy the SDK hands a policy.
 *
 * This reaches into two internals of the SDK (its `deserialize` module and its proxies'
 * `__getSpecialProxyTarget` key). It fails closed: if either changes, no wire form is found, no
 * secret is recognised and every credential input is reported as plaintext. The harness tests
 * (test/policies/pack-secrets.test.ts) pin the behaviour.
 */
import { createRequire } from "node:module";

/** The part of `@pulumi/policy/deserialize` the wrapper replaces. */
interface DeserializeModule {
  deserializeProperties(struct: unknown, proxySecrets: boolean): unknown;
}

/** A protobuf `Struct` as the SDK receives it. */
interface WireStruct {
  toJavaScript(): unknown;
}

const PROXY_TARGET = "__getSpecialProxyTarget";
const wire = new WeakMap<object, unknown>();
let installed = false;

function isStruct(value: unknown): value is WireStruct {
  return typeof value === "object" && value !== null && typeof (value as Partial<WireStruct>).toJavaScript === "function";
}

/** Wraps the SDK's deserialiser so that the wire form of every request is kept. Idempotent. */
export function installSecretAwareness(): void {
  if (installed) return;
  const sdk = createRequire(__filename)("@pulumi/policy/deserialize") as DeserializeModule;
  const original = sdk.deserializeProperties.bind(sdk);
  sdk.deserializeProperties = (struct: unknown, proxySecrets: boolean) => {
    const props = original(struct, proxySecrets);
    if (typeof props === "object" && props !== null && isStruct(struct)) wire.set(props, struct.toJavaScript());
    return props;
  };
  installed = true;
}

/**
 * The resource inputs as the engine sent them, every secret as `{ [SECRET_SIG_KEY]: SECRET_SIG,
 * value }`; when they cannot be found, the plain inputs (in which nothing is a secret).
 */
export function wireInputs(props: unknown): unknown {
  if (typeof props !== "object" || props === null) return props;
  const target: unknown = (props as Record<string, unknown>)[PROXY_TARGET];
  const found = typeof target === "object" && target !== null ? wire.get(target) : wire.get(props);
  return found ?? JSON.parse(JSON.stringify(props));
}
