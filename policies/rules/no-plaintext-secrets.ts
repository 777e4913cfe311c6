/**
 * `no-plaintext-secrets`: BMC and SSH credentials reach resources only as secrets. Any input whose
 * name says it holds a credential (password, privateKey, token, …, at any depth, including the
 * keys of an `environment` map) must be a Pulumi secret, so it is encrypted in the state and
 * masked in logs. Judged on resource inputs in the engine's wire form, where a secret is
 * `{ [SECRET_SIG_KEY]: SECRET_SIG, value }` (the Pulumi resource RPC convention).
 */
import { formatPath, type FieldPath } from "../../inventory/problem";
import type { Finding, RuleMeta } from "./types";

/** The policy's metadata. */
export const noPlaintextSecretsMeta: RuleMeta = {
  name: "no-plaintext-secrets",
  description: "BMC and SSH credentials are passed to resources only as secrets.",
  enforcementLevel: "mandatory",
  severity: "critical",
  tags: ["secrets", "bmc", "ssh"],
  url: "https://www.pulumi.com/docs/iac/concepts/secrets/",
  remediationSteps: "Wrap the credential with pulumi.secret() (or read it with config.requireSecret()) before passing it to the resource.",
  configSchema: {
    properties: {
      resourceTypes: {
        type: "array",
        items: { type: "string" },
        default: ["command:local:Command", "command:remote:Command", "command:remote:CopyToRemote"],
        description: "resource types whose inputs are checked",
      },
    },
  },
  scope: "resource",
};

/** The key marking a special value in the engine's wire form. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret under that key. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The value the engine sends for an input not known yet (during preview): judged when it is known. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Input names that hold a credential. */
const CREDENTIAL = /(password|passwd|passphrase|private_?key|secret|token|api_?key|credential)/i;
/** Names that refer to a credential kept elsewhere rather than holding it. */
const REFERENCE = /(_?file|_?path|_?ref|_?name)$/i;

/** Whether an input name holds a credential. */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL.test(name) && !REFERENCE.test(name);
}

/** Whether a wire-form value is a secret. */
export function isWireSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** Paths of credential inputs that hold a plaintext value, in wire form `inputs`. */
export function plaintextCredentials(inputs: unknown): FieldPath[] {
  const found: FieldPath[] = [];
  const walk = (value: unknown, path: FieldPath, credential: boolean): void => {
    if (isWireSecret(value)) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i], credential));
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k], isCredentialName(k));
    } else if (credential && (typeof value === "number" || (typeof value === "string" && value !== "" && value !== UNKNOWN_VALUE))) {
      found.push(path);
    }
  };
  walk(inputs, [], false);
  return found;
}

/** One finding per plaintext credential input of the resource named `name`. */
export function checkPlaintextSecrets(name: string, inputs: unknown): Finding[] {
  const subject = `resource [${name}]`;
  return plaintextCredentials(inputs).map((path) => ({
    policy: "no-plaintext-secrets",
    subject,
    message: `${subject} should pass ${formatPath(path)} as a secret; it is plaintext in the resource inputs`,
    document: "resource",
    path,
  }));
}
