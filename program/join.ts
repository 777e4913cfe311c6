/**
 * The cluster join inputs between the layers, one home: the Kubernetes layer exports them as stack
 * outputs (`JOIN_OUTPUTS`), and the bare-metal layer of the same site reads them through a
 * `StackReference` to that stack, never by recomputing them. The `all` layer (the lab) builds both
 * layers in one stack and hands them over in-process.
 */
import * as pulumi from "@pulumi/pulumi";
import type { JoinInputs } from "../components/baremetal/os-bootstrap";
import { JOIN_OUTPUTS } from "../model/kubernetes/join";
import { SITE_SHARD, stackName } from "../model/shards";

/** The stack the bare-metal layer of `site` reads its join inputs from: the site's Kubernetes stack, by the same name `gigafactory stacks` gives it. */
export function joinStackName(site: string): string {
  return stackName(site, "kubernetes", SITE_SHARD);
}

/** The join inputs as the Kubernetes layer exports them: the CA hash and the token as secrets. */
export function joinOutputs(join: JoinInputs): Record<string, pulumi.Output<string>> {
  return {
    [JOIN_OUTPUTS.apiServerEndpoint]: pulumi.output(join.apiServerEndpoint),
    [JOIN_OUTPUTS.caCertHash]: pulumi.secret(join.caCertHash),
    [JOIN_OUTPUTS.token]: pulumi.secret(join.token),
  };
}

/**
 * The join inputs of `site`, read from its Kubernetes stack (in the current project and
 * organisation). A stack that exports none yet gives undefined values: the nodes are configured
 * without joining, and join on the first `up` after the Kubernetes layer exports them.
 */
export function readJoinInputs(site: string, parent: pulumi.Resource): JoinInputs {
  const ref = new pulumi.StackReference(joinStackName(site), { name: joinStackName(site) }, { parent });
  return {
    apiServerEndpoint: ref.getOutput(JOIN_OUTPUTS.apiServerEndpoint) as pulumi.Output<string>,
    caCertHash: pulumi.secret(ref.getOutput(JOIN_OUTPUTS.caCertHash)) as pulumi.Output<string>,
    token: pulumi.secret(ref.getOutput(JOIN_OUTPUTS.token)) as pulumi.Output<string>,
  };
}
