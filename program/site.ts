/** The site component every stack of a site hangs below, carrying the facts the policy pack judges. */
import { Site } from "../components/site/site";
import type { ExpandedSite } from "../inventory/fleet";
import { siteBudget } from "../model/power-budget";
import type { SiteFacts } from "../model/site-facts";

/** Creates the root `Site` of a stack of `expanded`, with `facts` (see `siteFacts`) as its inputs. */
export function siteComponent(expanded: ExpandedSite, facts: SiteFacts): Site {
  const { site } = expanded;
  return new Site(site.id, {
    id: site.id,
    country: site.country,
    ...(site.subdivision !== undefined ? { subdivision: site.subdivision } : {}),
    designPue: site.facility.designPue,
    cooling: site.facility.cooling,
    ...(site.facility.heatReuse ? { heatReuse: site.facility.heatReuse } : {}),
    budget: siteBudget(expanded.racks, site.facility.designPue, site.facility.gridConnectionMW),
    accelerators: expanded.nodes.reduce((n, node) => n + node.accelerators, 0),
    facts,
  });
}
