/**
 * The one exception to the restricted Pod Security Standard (see model/kubernetes/pod-security.ts):
 * a ValidatingAdmissionPolicy that enforces the restricted profile with IPC_LOCK addable, and its
 * binding to the namespaces of tenants marked for RDMA.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Manifest } from "../../model/kubernetes/kueue";
import { createObject } from "./objects";

/** Arguments of {@link IpcLockException}. */
export interface IpcLockExceptionArgs {
  readonly policy: Manifest;
  readonly binding: Manifest;
}

/** The admission policy and its binding. Pass the Kubernetes provider in `opts.providers`. */
export class IpcLockException extends pulumi.ComponentResource {
  constructor(name: string, args: IpcLockExceptionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:kubernetes:IpcLockException", name, { policy: args.policy.metadata.name }, opts);
    const policy = createObject(`${name}-policy`, args.policy, { parent: this });
    createObject(`${name}-binding`, args.binding, { parent: this, dependsOn: [policy] });
    this.registerOutputs({ policy: args.policy.metadata.name });
  }
}
