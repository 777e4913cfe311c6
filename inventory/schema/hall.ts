/** Halls and the racks placed in them. */
import { Type, type Static } from "@sinclair/typebox";
import { Count, Id, NonEmpty, Strict } from "./common";
import { Cooling } from "./facility";

/**
 * A run of racks of one type, numbered `from`, `from + 1`, … Rack ids read `r001`. Appending a run
 * never renumbers an existing rack, so no existing node is renamed.
 */
export const RackRun = Strict({
  type: Id,
  from: Type.Integer({ minimum: 1, maximum: 9999, description: "number of the first rack" }),
  count: Type.Integer({ minimum: 1, maximum: 9999, description: "racks in the run" }),
});
export type RackRun = Static<typeof RackRun>;

/** A data hall. Its `number` fixes its address block, so reordering halls changes no address. */
export const Hall = Strict({
  id: Id,
  number: Count("hall number, unique in the site; fixes the hall's address block"),
  cooling: Cooling,
  racks: NonEmpty(RackRun, "rack runs"),
  fabricRacks: Type.Optional(
    Count(
      "racks (numbers 1…n) the hall's compute fabric is wired for when network.compute.growth is halls: its spine groups and core ports are reserved for them, so racks appended up to n move no other hall's switch ports; default: up to the hall's last whole spine group now",
    ),
  ),
});
export type Hall = Static<typeof Hall>;
