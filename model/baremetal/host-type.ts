/**
 * The one home of the bare-metal host resource's names: the provider's plugin name (as
 * `Pulumi.yaml` declares it under `plugins.providers`) and the resource's type token. The
 * component, the provider and the policy pack import them.
 */

/** The provider's plugin (and package) name. */
export const PROVIDER_NAME = "gigafactory-baremetal";

/** The `BareMetalHost` resource's type token. */
export const HOST_TYPE = `${PROVIDER_NAME}:index:BareMetalHost`;
