/** The lab's BMC simulators (scripts/lab/bmc-sim.ts): what they need, and their life cycle. */
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { missingPrerequisites, SimulatorsMissing, simulatorStatus, startSimulators, stopSimulators } from "../../scripts/lab/bmc-sim";
import { usePeers } from "./peers";

describe("BMC simulators", () => {
  it("name what is missing and how to install it", async () => {
    const venv = "/nonexistent/venv";
    const sushy = "sushy-emulator in /nonexistent/venv (PyPI sushy-tools, scripts/lab/requirements.txt)";
    assert.ok(missingPrerequisites(venv).includes(sushy));
    await assert.rejects(startSimulators({ dir: "/nonexistent/lab", venv, net: "127.0.24" }), (e: unknown) => {
      assert.ok(e instanceof SimulatorsMissing);
      assert.ok(e.message.startsWith("the BMC simulators need "), e.message);
      assert.ok(e.message.includes(sushy), e.message);
      assert.ok(
        e.message.endsWith(
          [
            "; install them with:",
            "  apt-get install -y openipmi ipmitool",
            "  npx tsx scripts/lab/bmc-sim.ts install   # python3 -m venv .lab/venv && .lab/venv/bin/pip install -r scripts/lab/requirements.txt",
          ].join("\n"),
        ),
        e.message,
      );
      return true;
    });
  });

  it("run on loopback only", async () => {
    await assert.rejects(startSimulators({ net: "10.0.0" }), /net \[10\.0\.0\] should be the first three octets of a loopback address, like 127\.0\.10/);
  });

  describe("life cycle @peers", () => {
    const site = usePeers("127.0.25", 1);
    const pid = (name: string) => Number(readFileSync(join(site().dir, "bmc", "node-1", `${name}.pid`), "utf8"));

    it("serve one out-of-band address per node: Redfish on TCP 8000, IPMI on UDP 6230", () => {
      assert.deepEqual(site().bmcs, [
        { node: "node-1", address: "127.0.25.1", redfish: "redfish+http://127.0.25.1:8000/redfish/v1/Systems/1", ipmi: "ipmi://127.0.25.1:6230" },
      ]);
    });

    it("keep the credentials in files only their owner reads, and out of every command line", () => {
      const { username, password } = site().credentials;
      assert.equal(site().credentialsFile, join(site().dir, "bmc-credentials.env"));
      assert.match(readFileSync(site().credentialsFile, "utf8"), new RegExp(`^BMC_USERNAME=${username}\nBMC_PASSWORD=${password}\n`, "m"));
      for (const file of ["bmc-credentials.env", "bmc/htpasswd", "bmc/node-1/ipmi/lan.conf"]) {
        assert.equal(statSync(join(site().dir, file)).mode & 0o777, 0o600, file);
      }
      for (const name of ["redfish", "ipmi"]) {
        assert.ok(!readFileSync(`/proc/${pid(name)}/cmdline`, "utf8").includes(password), `${name} has the password in its argv`);
      }
    });

    it("keep running, with the same credentials, when started again with the same layout", async () => {
      const again = await startSimulators({ dir: site().dir, net: "127.0.25", count: 1 });
      assert.equal(again.started, false);
      assert.deepEqual(again.credentials, site().credentials);
    });

    it("stop every process they started", async () => {
      assert.deepEqual(
        simulatorStatus(site().dir).map((s) => [s.redfish, s.ipmi]),
        [[true, true]],
      );
      assert.equal(await stopSimulators(site().dir), 2);
      assert.deepEqual(
        simulatorStatus(site().dir).map((s) => [s.redfish, s.ipmi]),
        [[false, false]],
      );
      assert.equal(await stopSimulators(site().dir), 0);
    });
  });
});
