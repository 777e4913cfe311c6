/**
 * The bootstrap token nodes join the cluster with: a `bootstrap.kubernetes.io/token` Secret in
 * kube-system (model/kubernetes/join.ts builds it). The token is a Pulumi secret; only its id, the
 * public half by kubeadm's design, names the object.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { bootstrapTokenSecret } from "../../model/kubernetes/join";

/** Arguments of a {@link BootstrapToken}. */
export interface BootstrapTokenArgs {
  /** The token, `<id>.<secret>`, a Pulumi secret. */
  readonly token: pulumi.Input<string>;
}

/** A bootstrap token on the cluster. Pass the Kubernetes provider in `opts.providers` or `opts.provider`. */
export class BootstrapToken extends pulumi.ComponentResource {
  readonly secret: k8s.core.v1.Secret;

  constructor(name: string, args: BootstrapTokenArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gigafactory:kubernetes:BootstrapToken", name, {}, opts);
    const manifest = pulumi.secret(args.token).apply(bootstrapTokenSecret);
    this.secret = new k8s.core.v1.Secret(
      `${name}-secret`,
      {
        metadata: { name: pulumi.unsecret(manifest.apply((m) => m.metadata.name)), namespace: "kube-system" },
        type: "bootstrap.kubernetes.io/token",
        stringData: pulumi.secret(manifest.apply((m) => m.stringData)),
      },
      { parent: this },
    );
    this.registerOutputs({ name: this.secret.metadata.name });
  }
}
