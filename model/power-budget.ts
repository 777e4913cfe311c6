/** Power budgets: rack draw against usable feed capacity, rolled up to halls and the site, and facility power from design PUE. */
import { facilityKW, headroomKW as rackHeadroomKW } from "./power";
import { roundTenth as round1 } from "./round";

/** The figures of one rack that the budget needs. */
export interface RackPower {
  readonly name: string;
  readonly hall: string;
  readonly drawKW: number;
  readonly usableKW: number;
}

/** A hall's budget. */
export interface HallBudget {
  readonly hall: string;
  readonly racks: number;
  readonly itKW: number;
  readonly usableKW: number;
  /** The rack with the least headroom, and that headroom. */
  readonly tightestRack: { readonly name: string; readonly headroomKW: number } | null;
}

/** A site's budget. */
export interface SiteBudget {
  readonly itKW: number;
  readonly facilityKW: number;
  readonly gridConnectionKW: number;
  /** Grid connection left after the facility load; negative means the site does not fit its connection. */
  readonly gridHeadroomKW: number;
  readonly halls: readonly HallBudget[];
}

/** Rolls rack figures up into hall and site budgets. Halls are listed in the order their racks first appear. */
export function siteBudget(racks: readonly RackPower[], designPue: number, gridConnectionMW: number): SiteBudget {
  const halls = new Map<string, { racks: number; itKW: number; usableKW: number; tightest: { name: string; headroomKW: number } | null }>();
  let itKW = 0;
  for (const rack of racks) {
    const hall = halls.get(rack.hall) ?? { racks: 0, itKW: 0, usableKW: 0, tightest: null };
    hall.racks += 1;
    hall.itKW += rack.drawKW;
    hall.usableKW += rack.usableKW;
    const headroomKW = rackHeadroomKW(rack);
    if (hall.tightest === null || headroomKW < hall.tightest.headroomKW) hall.tightest = { name: rack.name, headroomKW };
    halls.set(rack.hall, hall);
    itKW += rack.drawKW;
  }
  const facility = facilityKW(itKW, designPue);
  const gridConnectionKW = gridConnectionMW * 1000;
  return {
    itKW: round1(itKW),
    facilityKW: round1(facility),
    gridConnectionKW,
    gridHeadroomKW: round1(gridConnectionKW - facility),
    halls: [...halls].map(([hall, h]) => ({
      hall,
      racks: h.racks,
      itKW: round1(h.itKW),
      usableKW: round1(h.usableKW),
      tightestRack: h.tightest && { name: h.tightest.name, headroomKW: round1(h.tightest.headroomKW) },
    })),
  };
}
