/**
 * Child of `npm run bench`: the switch configuration documents of a large compute fabric, 20,000
 * nodes × 8 rails on Ethernet at radix 128 (3 tiers, every /31 addressed). Prints switches, ports
 * and the time to build them.
 */
import { buildComputeFabric } from "../../model/fabric";
import { figure, timeMs } from "./measure";

const hosts = Array.from({ length: 20_000 }, (_, i) => ({
  hostname: `big-h1-r${String(1 + Math.floor(i / 32)).padStart(3, "0")}-n${String(1 + (i % 32)).padStart(2, "0")}`,
}));
let switches = 0;
let ports = 0;
const ms = timeMs(() => {
  const fabric = buildComputeFabric(
    "big",
    [{ rails: 8, railSpeedGbps: 400, hosts }],
    { technology: "ethernet", switchRadix: 128, switchPortSpeedGbps: 400 },
    { p2pCidr: "10.64.0.0/12" },
  );
  switches = fabric.switches.length;
  ports = fabric.switches.reduce((n, s) => n + s.ports.length, 0);
});
figure("switches", switches, 0);
figure("ports", ports, 0);
figure("ms", ms);
