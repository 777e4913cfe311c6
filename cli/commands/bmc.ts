/** The face of `gigafactory bmc`: subcommands, options and help; the work is loaded only when it runs (`../bmc`). */
import { Argument, Command } from "commander";
import { BOOT_DEVICES, POWER_ACTIONS } from "../../bmc/bmc";
import type { CommandResult } from "../command-result";
import { choiceOption, secondsOption } from "../option-parsers";

const BMC_URL = "BMC URL: redfish[+http|+https]://host[:port]/redfish/v1/Systems/<id> or ipmi://host[:port]";
const FALLBACK = "BMC URL to use when the first is unreachable or answers 5xx";
const CA_BUNDLE = "PEM file of the CA that signs these BMCs' certificates (trusted for them only)";
const INSECURE = "skip TLS certificate verification for these BMCs only (lab BMCs; never production)";
const FORMATS = ["text", "json"] as const;

const EXAMPLES = `
Examples:
  $ BMC_USERNAME=admin BMC_PASSWORD=… npx gigafactory bmc power status --bmc redfish://10.0.0.5/redfish/v1/Systems/1
  $ BMC_USERNAME=admin BMC_PASSWORD=… npx gigafactory bmc power on --bmc redfish://10.0.0.5/redfish/v1/Systems/1 --fallback ipmi://10.0.0.5
  $ BMC_USERNAME=admin BMC_PASSWORD=… npx gigafactory bmc boot --virtual-media https://images.example/gpu-worker.iso --bmc redfish://10.0.0.5/redfish/v1/Systems/1
  $ BMC_USERNAME=admin BMC_PASSWORD=… npx gigafactory bmc inspect --bmc redfish://10.0.0.5/redfish/v1/Systems/1 --ca-bundle bmc-ca.pem --format json

Exit codes: 0 done, 2 usage (or a missing credential variable), 3 internal error, 4 the BMC failed.`;

/** Registers the command and its subcommands. */
export function bmcCommand(run: (result: CommandResult) => void): Command {
  const bmc = new Command("bmc")
    .description("power, boot and inspect a node through its BMC (Redfish, IPMI fallback); credentials from BMC_USERNAME and BMC_PASSWORD")
    .addHelpText("after", EXAMPLES)
    // The entry point configures this command (exit override, captured output) after we return;
    // hand that configuration to the subcommand about to run.
    .hook("preSubcommand", (self, sub) => {
      sub.copyInheritedSettings(self);
    });
  bmc
    .command("power")
    .description("read, or switch and wait for, the power state; prints one JSON line")
    .addArgument(new Argument("<action>", "on | off | status").choices(POWER_ACTIONS))
    .requiredOption("--bmc <url>", BMC_URL)
    .option("--fallback <url>", FALLBACK)
    .option("--ca-bundle <file>", CA_BUNDLE)
    .option("--insecure", INSECURE)
    .option("--graceful", "power off through an orderly OS shutdown instead of cutting power")
    .option("--wait <seconds>", "how long to wait for the power state to follow", secondsOption, 120)
    .action(async (action, options) => {
      const { bmcPower } = require("../bmc") as typeof import("../bmc");
      run(await bmcPower(action, options));
    });
  bmc
    .command("boot")
    .description(
      "set the next boot (one-time override, UEFI mode where offered): a device, the image at a URL as virtual media, or UEFI HTTP; prints one JSON line",
    )
    .addArgument(new Argument("[device]", "pxe | disk (or give --virtual-media or --uefi-http instead)").choices(BOOT_DEVICES))
    .requiredOption("--bmc <url>", BMC_URL)
    .option("--fallback <url>", FALLBACK)
    .option("--ca-bundle <file>", CA_BUNDLE)
    .option("--insecure", INSECURE)
    .option("--virtual-media <url>", "insert the image at this https:// or http:// URL as virtual media and boot from it once (Redfish only)")
    .option("--uefi-http [url]", "boot once over UEFI HTTP, from this URL when given (Redfish only)")
    .action(async (device, options) => {
      const { bmcBoot } = require("../bmc") as typeof import("../bmc");
      run(await bmcBoot(device, options));
    });
  bmc
    .command("inspect")
    .description("read the node's hardware (system, CPUs, GPUs, memory, PCIe, NICs with MACs, chassis) over Redfish, or IPMI FRU as the fallback")
    .requiredOption("--bmc <url>", BMC_URL)
    .option("--fallback <url>", FALLBACK)
    .option("--ca-bundle <file>", CA_BUNDLE)
    .option("--insecure", INSECURE)
    .option("--format <format>", `output format: ${FORMATS.join(" | ")}`, choiceOption("format", FORMATS), "text")
    .action(async (options) => {
      const { bmcInspect } = require("../bmc") as typeof import("../bmc");
      run(await bmcInspect(options));
    });
  return bmc;
}
