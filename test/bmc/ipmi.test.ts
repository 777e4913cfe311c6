/** The IPMI driver: ipmitool against a real ipmi_sim on 127.0.21.0/24, and how it hands over the password. */
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBmcUrl, type IpmiUrl } from "../../model/bmc-url";
import { IpmiClient } from "../../bmc/ipmi";
import { bootOnce, power } from "../../bmc/power";
import type { Credentials } from "../../bmc/bmc";
import { rejectsWith, usePeers, wrongPassword } from "./peers";

describe("IPMI against ipmi_sim @peers", () => {
  const site = usePeers("127.0.21", 1);
  const bmc = () => site().bmcs[0]!.ipmi;

  it("reads the chassis power status", async () => {
    const client = new IpmiClient(parseBmcUrl(bmc()) as IpmiUrl, site().credentials);
    assert.equal(await client.powerState(), "off");
  });

  it("powers on, and powering on again changes nothing", async () => {
    const first = await power("on", { bmc: bmc() }, site().credentials);
    assert.deepEqual(first, { bmc: bmc(), protocol: "ipmi", action: "on", before: "off", after: "on", changed: true });
    const again = await power("on", { bmc: bmc() }, site().credentials);
    assert.deepEqual(again, { bmc: bmc(), protocol: "ipmi", action: "on", before: "on", after: "on", changed: false });
  });

  it("powers off with an orderly shutdown (chassis power soft)", async () => {
    const r = await power("off", { bmc: bmc() }, site().credentials, { graceful: true });
    assert.deepEqual(r, { bmc: bmc(), protocol: "ipmi", action: "off", before: "on", after: "off", changed: true });
  });

  it("sets the next boot device to PXE, then disk (chassis bootdev)", async () => {
    const pxe = await bootOnce("pxe", { bmc: bmc() }, site().credentials);
    assert.deepEqual(pxe, { bmc: bmc(), protocol: "ipmi", device: "pxe", before: "No override", after: "Force PXE", changed: true });
    const disk = await bootOnce("disk", { bmc: bmc() }, site().credentials);
    assert.deepEqual(disk, { bmc: bmc(), protocol: "ipmi", device: "disk", before: "Force PXE", after: "Force Boot from default Hard-Drive", changed: true });
  });

  it("says the BMC rejected the credentials when the password is wrong", async () => {
    await rejectsWith(
      power("status", { bmc: bmc() }, wrongPassword(site().credentials)),
      "auth",
      "BMC [ipmi://127.0.21.1:6230] rejected the credentials (RAKP 2 HMAC is invalid)",
    );
  });

  it("says the BMC rejected the credentials for an unknown user", async () => {
    const stranger = { username: "nobody", password: site().credentials.password };
    await rejectsWith(power("status", { bmc: bmc() }, stranger), "auth", "BMC [ipmi://127.0.21.1:6230] rejected the credentials (RAKP 2: unauthorized name)");
  });

  it("says a BMC that does not answer is unreachable", async () => {
    // One resend instead of two keeps the wait for silence short.
    const silent = new IpmiClient(parseBmcUrl("ipmi://127.0.21.1:6231") as IpmiUrl, site().credentials, { retries: 1 });
    await rejectsWith(silent.powerState(), "unreachable", "BMC [ipmi://127.0.21.1:6231] is unreachable: no IPMI answer (Get Auth Capabilities error)");
  });
});

describe("IPMI driver and ipmitool", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "gigafactory-ipmitool-"));
    // A stand-in ipmitool that records its arguments and the password it was given.
    writeFileSync(
      join(dir, "ipmitool"),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/argv"\nprintf '%s' "$IPMI_PASSWORD" > "${dir}/password"\necho "Chassis Power is on"\n`,
    );
    chmodSync(join(dir, "ipmitool"), 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("passes the password in IPMI_PASSWORD with -E, never in argv", async () => {
    const client = new IpmiClient(parseBmcUrl("ipmi://10.20.0.7") as IpmiUrl, { username: "ops", password: "s3cret-Pw" }, { ipmitool: join(dir, "ipmitool") });
    assert.equal(await client.powerState(), "on");
    const argv = readFileSync(join(dir, "argv"), "utf8").trimEnd().split("\n");
    assert.deepEqual(argv, [
      "-v",
      "-I",
      "lanplus",
      "-C",
      "3",
      "-H",
      "10.20.0.7",
      "-p",
      "623",
      "-U",
      "ops",
      "-E",
      "-N",
      "1",
      "-R",
      "2",
      "chassis",
      "power",
      "status",
    ]);
    assert.equal(readFileSync(join(dir, "password"), "utf8"), "s3cret-Pw");
  });

  it("says so when ipmitool is not installed", async () => {
    const client = new IpmiClient(parseBmcUrl("ipmi://10.20.0.7") as IpmiUrl, { username: "ops", password: "pw" }, { ipmitool: join(dir, "missing-ipmitool") });
    await rejectsWith(
      client.powerState(),
      "tool",
      `cannot reach BMC [ipmi://10.20.0.7]: ${join(dir, "missing-ipmitool")} is not installed (apt-get install -y ipmitool)`,
    );
  });

  /** A stand-in `ipmitool … shell`: records each start, answers status and `power on` (or refuses it, `onAnswer` on stderr). */
  function shellTool(name: string, onAnswer?: string): string {
    const on = onAnswer === undefined ? 'state=on; echo "Chassis Power Control: Up/On"' : `echo "${onAnswer}" >&2`;
    const script = [
      "#!/bin/sh",
      `printf '%s\\n' "$@" -- >> "${dir}/${name}.argv"`,
      `printf '%s' "$IPMI_PASSWORD" > "${dir}/${name}.password"`,
      "state=off",
      "while read -r line; do",
      '  printf "ipmitool> %s\\n" "$line"',
      `  printf '%s\\n' "$line" >> "${dir}/${name}.commands"`,
      '  case "$line" in',
      '    "chassis power status") echo "Chassis Power is $state" ;;',
      `    "chassis power on") ${on} ;;`,
      '    echo\\ *) echo "${line#echo }" ;;',
      "    exit) exit 0 ;;",
      "  esac",
      "done",
      "",
    ].join("\n");
    writeFileSync(join(dir, name), script);
    chmodSync(join(dir, name), 0o755);
    return join(dir, name);
  }

  const ops: Credentials = { username: "ops", password: "s3cret-Pw" };
  const through = (tool: string) => ({
    driver: (url: ReturnType<typeof parseBmcUrl>, c: Credentials) => new IpmiClient(url as IpmiUrl, c, { ipmitool: tool }),
  });

  it("powers on in one ipmitool shell: the read, the request and the read-back in one process, the password in IPMI_PASSWORD", async () => {
    const tool = shellTool("one-shell");
    const r = await power("on", { bmc: "ipmi://10.20.0.7" }, ops, through(tool));
    assert.deepEqual(r, { bmc: "ipmi://10.20.0.7", protocol: "ipmi", action: "on", before: "off", after: "on", changed: true });
    // One run (one "--"), ending in `shell`, with no password among its arguments.
    const argv = readFileSync(`${tool}.argv`, "utf8").trimEnd().split("\n");
    assert.deepEqual(argv, ["-v", "-I", "lanplus", "-C", "3", "-H", "10.20.0.7", "-p", "623", "-U", "ops", "-E", "-N", "1", "-R", "2", "shell", "--"]);
    assert.equal(readFileSync(`${tool}.password`, "utf8"), ops.password);
  });

  it("sends power on without reading first when the caller knows the node was off (idempotent in IPMI); the read-back decides", async () => {
    const tool = shellTool("known-off");
    const r = await power("on", { bmc: "ipmi://10.20.0.7" }, ops, { ...through(tool), knownState: "off" });
    assert.deepEqual(r, { bmc: "ipmi://10.20.0.7", protocol: "ipmi", action: "on", before: "off", after: "on", changed: true });
    const commands = readFileSync(`${tool}.commands`, "utf8").trimEnd().split("\n");
    assert.deepEqual(
      commands.filter((c) => !c.startsWith("echo ")),
      ["chassis power on", "chassis power status", "exit"],
    );
  });

  it("says the BMC refused a request inside the shell, in ipmitool's words", async () => {
    const tool = shellTool("refusing-shell", "Set Chassis Power Control to Up/On failed: Insufficient privilege level");
    await rejectsWith(
      power("on", { bmc: "ipmi://10.20.0.7" }, ops, through(tool)),
      "refused",
      'BMC [ipmi://10.20.0.7] refused "chassis power on": Set Chassis Power Control to Up/On failed: Insufficient privilege level',
    );
  });
});
