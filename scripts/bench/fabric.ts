/**
 * Child of `npm run bench`: the switch configuration documents of a large compute fabric, 20,000
 * nodes × 8 rails on Ethernet at radix 128 (3 tiers, every /31 addressed); and of riga-1's shape
 * wired for halls (two halls of 5,040 GB200 trays, one of 2,000 HGX servers, InfiniBand radix 64).
 * Prints switches, ports and the time to build them.
 */
import { buildComputeFabric, buildHallFabric, type HallGroup } from "../../model/fabric";
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

const hall = (id: string, nodes: number, rails: number): HallGroup => ({
  hall: id,
  rails,
  railSpeedGbps: 400,
  hosts: Array.from({ length: nodes }, (_, i) => ({ hostname: `riga-${id}-n${i}`, position: i })),
});
let hallSwitches = 0;
const hallMs = timeMs(() => {
  hallSwitches = buildHallFabric("riga", [hall("h1", 5040, 4), hall("h2", 5040, 4), hall("h3", 2000, 8)], { technology: "infiniband" }).switches.length;
});
figure("halls-switches", hallSwitches, 0);
figure("halls-ms", hallMs);
