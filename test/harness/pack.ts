/**
 * A test harness that runs a CrossGuard policy pack the way the Pulumi engine does, and talks to
 * it over gRPC on loopback.
 *
 * The engine's Node.js language host runs `node @pulumi/pulumi/cmd/run-policy-pack <engine> <pack>`
 * (resolved from the pack's directory, with the pack directory as working directory); the runner
 * registers TypeScript, requires the pack, whose `new PolicyPack(...)` serves the Analyzer gRPC
 * service on 127.0.0.1 and prints the port as the first line of stdout. The harness does the same,
 * then calls `GetAnalyzerInfo`, `Configure`, `Analyze` and `AnalyzeStack` as the engine would,
 * with the resource inputs in the engine's wire form (secrets marked, see `secret`).
 */
import { credentials } from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  AnalyzeRequest,
  AnalyzerResource,
  AnalyzerResourceOptions,
  AnalyzeStackRequest,
  ConfigureAnalyzerRequest,
  EnforcementLevel,
  PolicyConfig,
  PolicySeverity,
  type AnalyzeDiagnostic,
  type AnalyzerInfo,
  type AnalyzeResponse,
  type PolicyInfo,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import { SECRET_SIG, SECRET_SIG_KEY } from "../../policies/rules/no-plaintext-secrets";

/** The repository's pack. */
export const POLICIES_DIR = join(__dirname, "..", "..", "policies");

/** Passed where the engine passes its own address; the runner drops it and the pack never dials it. */
const ENGINE_ADDRESS = "127.0.0.1:0";

/** A resource as the engine describes it to the pack. */
export interface HarnessResource {
  readonly type: string;
  readonly name: string;
  /** Inputs (Analyze) or outputs (AnalyzeStack) in wire form; use `secret()` to mark a secret. */
  readonly props: Readonly<Record<string, unknown>>;
  readonly parent?: string;
}

/** A violation the pack reported. */
export interface PackDiagnostic {
  readonly policy: string;
  readonly enforcementLevel: LevelName;
  readonly description: string;
  /** The message as the engine shows it: the policy's description, a newline, the violation. */
  readonly message: string;
  /** The violation alone (the rule's message). */
  readonly detail: string;
  readonly urn: string;
}

/** A policy as the pack registers it. */
export interface PackPolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: LevelName;
  readonly severity: string;
  readonly tags: readonly string[];
  readonly url: string;
  readonly remediationSteps: string;
  readonly policyType: "resource" | "stack" | "unknown";
  readonly configSchema?: { readonly properties: Record<string, unknown>; readonly required: readonly string[] };
}

/** The pack as `GetAnalyzerInfo` describes it. */
export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly supportsConfig: boolean;
  readonly policies: readonly PackPolicyInfo[];
}

/** Enforcement level names. */
export type LevelName = "advisory" | "mandatory" | "disabled" | "remediate";

/** One policy's configuration as `Configure` sends it. */
export interface PolicyConfigInput {
  readonly enforcementLevel?: LevelName;
  readonly properties?: Readonly<Record<string, unknown>>;
}

const LEVELS: Record<EnforcementLevel, LevelName> = {
  [EnforcementLevel.ADVISORY]: "advisory",
  [EnforcementLevel.MANDATORY]: "mandatory",
  [EnforcementLevel.DISABLED]: "disabled",
  [EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_VALUES: Record<LevelName, EnforcementLevel> = {
  advisory: EnforcementLevel.ADVISORY,
  mandatory: EnforcementLevel.MANDATORY,
  disabled: EnforcementLevel.DISABLED,
  remediate: EnforcementLevel.REMEDIATE,
};
const SEVERITIES: Record<PolicySeverity, string> = {
  [PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "",
  [PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** A value marked secret, as the engine sends a secret input. */
export function secret(value: unknown): Record<string, unknown> {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** A running pack and a gRPC client connected to it. */
export class PackHarness {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
    /** The port the pack printed. */
    readonly port: number,
  ) {}

  /** Starts the pack in `packDir` and waits until it prints its port (at most `timeoutMs`). */
  static async start(packDir: string = POLICIES_DIR, timeoutMs = 60_000): Promise<PackHarness> {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    const child = spawn(process.execPath, [runner, ENGINE_ADDRESS, packDir], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    // Never outlive the test run, even when it is interrupted.
    const orphan = () => child.kill("SIGKILL");
    process.once("exit", orphan);
    child.once("exit", () => process.removeListener("exit", orphan));
    const port = await firstLinePort(child, timeoutMs);
    const client = new AnalyzerClient(`127.0.0.1:${port}`, credentials.createInsecure());
    return new PackHarness(child, client, port);
  }

  /** `GetAnalyzerInfo`. */
  async info(): Promise<PackInfo> {
    const info = await new Promise<AnalyzerInfo>((resolve, reject) =>
      this.client.getAnalyzerInfo(new Empty(), (err, res) => (err ? reject(err) : resolve(res))),
    );
    return {
      name: info.getName(),
      version: info.getVersion(),
      description: info.getDescription(),
      supportsConfig: info.getSupportsconfig(),
      policies: info.getPoliciesList().map(policyInfo),
    };
  }

  /**
   * `Configure`: replaces the configuration of every policy (policies left out get their
   * defaults). Like the engine, it sends each configured policy's registered enforcement level
   * unless the configuration names another.
   */
  async configure(config: Readonly<Record<string, PolicyConfigInput>>): Promise<void> {
    const registered = new Map((await this.info()).policies.map((p) => [p.name, p.enforcementLevel]));
    const req = new ConfigureAnalyzerRequest();
    for (const [name, c] of Object.entries(config)) {
      const pc = new PolicyConfig();
      pc.setEnforcementlevel(LEVEL_VALUES[c.enforcementLevel ?? registered.get(name) ?? "mandatory"]);
      pc.setProperties(Struct.fromJavaScript((c.properties ?? {}) as Record<string, JavaScriptValue>));
      req.getPolicyconfigMap().set(name, pc);
    }
    await new Promise<void>((resolve, reject) => this.client.configure(req, (err) => (err ? reject(err) : resolve())));
  }

  /** `Analyze`: one resource's inputs, before it is created. */
  async analyze(resource: HarnessResource): Promise<PackDiagnostic[]> {
    const req = withResource(new AnalyzeRequest(), resource);
    const res = await new Promise<AnalyzeResponse>((resolve, reject) => this.client.analyze(req, (err, r) => (err ? reject(err) : resolve(r))));
    return res.getDiagnosticsList().map(diagnostic);
  }

  /** `AnalyzeStack`: every resource of the stack at the end of a preview or update. */
  async analyzeStack(resources: readonly HarnessResource[]): Promise<PackDiagnostic[]> {
    const req = new AnalyzeStackRequest();
    req.setResourcesList(
      resources.map((r) => {
        const res = withResource(new AnalyzerResource(), r);
        if (r.parent !== undefined) res.setParent(r.parent);
        return res;
      }),
    );
    const res = await new Promise<AnalyzeResponse>((resolve, reject) => this.client.analyzeStack(req, (err, r) => (err ? reject(err) : resolve(r))));
    return res.getDiagnosticsList().map(diagnostic);
  }

  /** Closes the client and stops the pack's process. */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }
}

/** The URN the engine would give the resource in stack `test` of project `gigafactory`. */
export function urn(r: Pick<HarnessResource, "type" | "name">): string {
  return `urn:pulumi:test::gigafactory::${r.type}::${r.name}`;
}

/** Options every request carries; without them the SDK answers that the CLI is too old. */
/** What `Analyze`'s request and `AnalyzeStack`'s resources both say of a resource: type, name, URN, inputs, options. */
function withResource<T extends AnalyzeRequest | AnalyzerResource>(message: T, r: HarnessResource): T {
  message.setType(r.type);
  message.setName(r.name);
  message.setUrn(urn(r));
  message.setProperties(Struct.fromJavaScript(r.props as Record<string, JavaScriptValue>));
  message.setOptions(options(r));
  return message;
}

function options(r: HarnessResource): AnalyzerResourceOptions {
  const opts = new AnalyzerResourceOptions();
  if (r.parent !== undefined) opts.setParent(r.parent);
  return opts;
}

function diagnostic(d: AnalyzeDiagnostic): PackDiagnostic {
  const description = d.getDescription();
  const message = d.getMessage();
  const prefix = `${description}\n`;
  return {
    policy: d.getPolicyname(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    description,
    message,
    detail: message.startsWith(prefix) ? message.slice(prefix.length) : message,
    urn: d.getUrn(),
  };
}

function policyInfo(p: PolicyInfo): PackPolicyInfo {
  const schema = p.getConfigschema();
  const type = p.getPolicyType();
  return {
    name: p.getName(),
    description: p.getDescription(),
    enforcementLevel: LEVELS[p.getEnforcementlevel()],
    severity: SEVERITIES[p.getSeverity()],
    tags: p.getTagsList(),
    url: p.getUrl(),
    remediationSteps: p.getRemediationSteps(),
    policyType: type === 1 ? "resource" : type === 2 ? "stack" : "unknown",
    ...(schema ? { configSchema: { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() } } : {}),
  };
}

/** Waits for the pack's first stdout line, its port; fails with its stderr if it exits or hangs. */
function firstLinePort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`policy pack did not start: ${why}\n${err}`));
    };
    const timer = setTimeout(() => fail(`no port after ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (settled) return;
      out += chunk.toString();
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      const port = Number(out.slice(0, newline).trim());
      if (!Number.isInteger(port) || port <= 0) return fail(`first line is not a port: ${out.slice(0, newline)}`);
      settled = true;
      clearTimeout(timer);
      resolve(port);
    });
    child.once("exit", (code, signal) => fail(`exited (${code ?? signal})`));
  });
}
