/**
 * `no-plaintext-secrets`: BMC and SSH credentials reach resources only as secrets. Any input whose
 * name says it holds a credential (password, privateKey, token, …, at any depth, including the
 * keys of an `environment` map) must be a Pulumi secret, so it is encrypted in the state and
 * masked in logs. Judged on resource inputs in the engine's wire form, where a secret is
 * `{ [SECRET_SIG_KEY]: SECRET_SIG, value }` (the Pulumi resource RPC convention).
 */
import { formatPath, type FieldPath } from "../../inventory/problem";
import { HOST_TYPE } from "../../model/baremetal/host-type";
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
        default: ["command:local:Command", "command:remote:Command", "command:remote:CopyToRemote", HOST_TYPE],
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

/** Input names that hold a credential (`BMC_PASSWORD`, `privateKey`, `SSHPASS`, `IPMI_PW`, …). */
const CREDENTIAL = /(password|passwd|passphrase|private_?key|secret|token|api_?key|credential|sshpass|(^|_)pass$|(^|_)pwd?$)/i;
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

/**
 * Command-line options that carry a password inline, as the tools a bare-metal layer uses write
 * them: `ipmitool -P x`, `sshpass -p x`, `--password x` / `--password=x`, `curl -u user:x`. A value
 * that is a shell variable (`$BMC_PASSWORD`, `"${PW}"`) refers to the environment and is fine.
 */
const INLINE_PASSWORD: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: "ipmitool -P", pattern: /\bipmitool\b[^\n;|&]*\s-P\s*(?!["']?\$)\S+/ },
  { name: "sshpass -p", pattern: /\bsshpass\s+-p\s*(?!["']?\$)\S+/ },
  { name: "--password", pattern: /--password(?:=|\s+)(?!["']?\$)\S+/ },
  { name: "curl -u user:password", pattern: /\bcurl\b[^\n;|&]*\s(?:-u|--user)\s+["']?[^\s:$"']+:(?!\$)[^\s"']+/ },
];

/** The command inputs of `command:*` resources, where a password written inline would be plaintext. */
const COMMAND_INPUTS = ["create", "update", "delete"] as const;

/** Command inputs (in wire form) that write a password inline, with the option that does. */
export function inlinePasswords(inputs: unknown): { path: FieldPath; option: string }[] {
  if (typeof inputs !== "object" || inputs === null) return [];
  const found: { path: FieldPath; option: string }[] = [];
  for (const key of COMMAND_INPUTS) {
    const value = (inputs as Record<string, unknown>)[key];
    if (typeof value !== "string") continue;
    const hit = INLINE_PASSWORD.find((p) => p.pattern.test(value));
    if (hit) found.push({ path: [key], option: hit.name });
  }
  return found;
}

/** One finding per plaintext credential input of the resource named `name`, and per password written into a command. */
export function checkPlaintextSecrets(name: string, inputs: unknown): Finding[] {
  const subject = `resource [${name}]`;
  const finding = (path: FieldPath, message: string): Finding => ({ policy: "no-plaintext-secrets", subject, message, document: "resource", path });
  return [
    ...plaintextCredentials(inputs).map((path) =>
      finding(path, `${subject} should pass ${formatPath(path)} as a secret; it is plaintext in the resource inputs`),
    ),
    ...inlinePasswords(inputs).map(({ path, option }) =>
      finding(path, `${subject} should pass its password through a secret environment variable; ${formatPath(path)} writes it inline (${option})`),
    ),
  ];
}
