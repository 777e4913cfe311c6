/** The `gigafactory-baremetal` plugin's entry point: serves {@link HostProvider} over gRPC (the engine starts it). */
import { main } from "@pulumi/pulumi/provider";
import { version } from "../package.json";
import { HostProvider } from "./host-provider";

void main(new HostProvider(version), process.argv.slice(2));
