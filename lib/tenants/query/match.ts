// Which fields besides the name a search found a row by, so that a row matched by its id or a
// hostname can say so. Worked out for the rows of a page only, from the same text the search read.
import { SEARCH_MATCH_FIELDS, type SearchMatchField, type Tenant } from "@/lib/tenants/types";
import { foldText } from "./normalize";
import type { AnnotationLayer } from "./annotation-layer";
import { identifierMatches } from "./prefix-index";
import type { SearchIndex } from "./search-index";

const HOSTNAME = 1;
const ID = 2;
const SUBSCRIPTION = 4;
const LICENSE = 8;
const SUBSCRIPTION_NAME = 16;
const OWNER = 32;

/** Every combination once (bit k = SEARCH_MATCH_FIELDS[k]): rows share them, frozen. */
const COMBINATIONS: readonly (readonly SearchMatchField[])[] = Array.from(
  { length: 1 << SEARCH_MATCH_FIELDS.length },
  (_, mask) => Object.freeze(SEARCH_MATCH_FIELDS.filter((_, k) => (mask & (1 << k)) !== 0)),
);

/**
 * For tenant `i` (`tenant`) of a search for `words` (folded, distinct): the fields holding a word
 * its name does not hold, or undefined when the name holds every word. `keyed[w]`: whether any
 * tenant has an identifier words[w] matches (when not, none of this one's is looked at).
 */
export function searchMatch(
  search: SearchIndex,
  layer: Pick<AnnotationLayer, "ownerHolds" | "subscriptionNameHolds">,
  i: number,
  tenant: Tenant,
  words: readonly string[],
  keyed: readonly boolean[],
): readonly SearchMatchField[] | undefined {
  let mask = 0;
  for (let w = 0; w < words.length; w++) {
    const word = words[w] as string;
    if (search.inName(i, word)) continue;
    if (search.inHostnames(i, word)) mask |= HOSTNAME;
    if (layer.subscriptionNameHolds(i, word)) mask |= SUBSCRIPTION_NAME;
    if (layer.ownerHolds(i, word)) mask |= OWNER;
    if (!keyed[w]) continue;
    if (identifierMatches(foldText(tenant.id), word)) mask |= ID;
    if (tenant.subscriptionId !== null && identifierMatches(foldText(tenant.subscriptionId), word))
      mask |= SUBSCRIPTION;
    if (tenant.licenseNumber !== null && identifierMatches(foldText(tenant.licenseNumber), word))
      mask |= LICENSE;
  }
  return mask === 0 ? undefined : COMBINATIONS[mask];
}
