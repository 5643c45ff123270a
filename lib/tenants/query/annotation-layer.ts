// The columns a query reads from the annotations, for one snapshot index and one annotation
// version: built on first use and kept while that version is current (the snapshot's own columns
// are built once per snapshot; annotations change far more often and cost far less to index).
//   - owner: a dimension (one value per tenant, "none" without one), its group column, its search
//     text;
//   - tag: a multi-valued dimension (per tenant its tag codes, "none" for an untagged one: CSR
//     arrays), facets count a tenant toward each of its tags; groups list it under each;
//   - annotated: a flag per tenant;
//   - subscription names: per tenant a code into the distinct names (search), per subscription
//     value its name (facet labels, group labels and order);
//   - sort columns for owner and subscription name, made on first use.
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";
import type { RowAnnotation, Tenant } from "@/lib/tenants/types";
import { NO_OWNER, NO_SUBSCRIPTION, NO_TAG } from "@/lib/tenants/view-codec";
import type { AnnotationSource } from "./annotations";
import { blankToNull, NO_ANNOTATION, rowAnnotation } from "./annotations";
import {
  buildGroupColumn,
  NO_SUBSCRIPTION_LABEL,
  withPermutations,
  type Dimension,
  type GroupColumn,
  type SortColumn,
} from "./columns";
import { foldText, naturalSortKey } from "./normalize";
import { compareCodeUnits, denseTextRanks } from "./order";
import type { ExtraMatches } from "./search-index";

export const NO_OWNER_LABEL = "No owner";
export const NO_TAGS_LABEL = "No tags";

/** A dimension with any number of values per tenant (at least one: "none" when it has none). */
export interface MultiDimension {
  readonly values: readonly string[];
  readonly lookup: ReadonlyMap<string, number>;
  /** Tenant i's value codes: codes[starts[i] .. starts[i+1]). */
  readonly starts: Uint32Array;
  readonly codes: Uint32Array;
}

/** Tag groups: buckets in label order ("none" last), and the bucket of each tag code. */
export interface TagGroups {
  readonly values: readonly string[];
  readonly labels: readonly string[];
  readonly bucketOfCode: Uint32Array;
}

export interface AnnotationLayer {
  readonly version: string;
  /** Tenant i's annotations (made on first use, then kept with the layer; treat as read-only). */
  annotationAt(i: number): RowAnnotation;
  readonly owner: Dimension;
  readonly tag: MultiDimension;
  /** 1 when the tenant has an owner, a tag or a note. */
  readonly annotated: Uint8Array;
  /** Subscription value (the facet's) → its name, for the named ones. */
  readonly subscriptionNames: ReadonlyMap<string, string>;
  readonly groups: {
    readonly subscription: GroupColumn;
    readonly owner: GroupColumn;
    readonly tag: TagGroups;
  };
  /** Tenants whose subscription name or owner holds `word` (folded), or null when none does. */
  extraMatches(word: string): ExtraMatches | null;
  /** Whether tenant i's owner / subscription name holds `word` (folded). */
  ownerHolds(i: number, word: string): boolean;
  subscriptionNameHolds(i: number, word: string): boolean;
  sortColumn(field: "owner" | "subscriptionName"): SortColumn;
  readonly byteLength: number;
}

/** The codes whose folded text holds `word` (a flag per code), or null when none does. */
function codesHolding(folded: readonly (string | null)[], word: string): Uint8Array | null {
  let flags: Uint8Array | null = null;
  for (let code = 0; code < folded.length; code++) {
    const text = folded[code];
    if (text != null && text.includes(word)) (flags ??= new Uint8Array(folded.length))[code] = 1;
  }
  return flags;
}

export function buildAnnotationLayer(
  tenants: readonly Tenant[],
  subscriptionDim: Dimension,
  byId: Uint32Array,
  source: AnnotationSource,
): AnnotationLayer {
  const n = tenants.length;
  // Per tenant, what the source holds (no object is made per tenant: rows are made on first use).
  const own: (TenantAnnotation | undefined)[] = new Array(n);
  const labels: (SubscriptionLabel | undefined)[] = new Array(n);
  const ownerLookup = new Map<string, number>([[NO_OWNER, 0]]);
  const ownerValues: string[] = [NO_OWNER];
  const ownerCodes = new Uint32Array(n); // 0: no owner
  const annotated = new Uint8Array(n);
  const tagLookup = new Map<string, number>();
  const tagValues: string[] = [];
  const tagStarts = new Uint32Array(n + 1);
  let tagCodes = new Uint32Array(Math.max(16, n));
  let tagCount = 0;
  const codeOfTag = (tag: string) => {
    let code = tagLookup.get(tag);
    if (code === undefined) {
      code = tagValues.length;
      tagValues.push(tag);
      tagLookup.set(tag, code);
    }
    return code;
  };
  const noTag = codeOfTag(NO_TAG);
  const nameCodes = new Uint32Array(n);
  const nameLookup = new Map<string, number>();
  const names: (string | null)[] = [null]; // code 0: no name
  const subscriptionNames = new Map<string, string>();
  const ownAnnotation = source.ownAnnotation;
  const subscriptionLabel = source.subscriptionLabel;

  for (let i = 0; i < n; i++) {
    const tenant = tenants[i] as Tenant;
    const o = ownAnnotation(tenant);
    const l = subscriptionLabel(tenant);
    own[i] = o;
    labels[i] = l;
    tagStarts[i] = tagCount;
    if (tagCount + (o?.tags.length || 1) > tagCodes.length) {
      const grown = new Uint32Array(Math.max(tagCount + 64, tagCodes.length * 2));
      grown.set(tagCodes);
      tagCodes = grown;
    }
    if (o === undefined) tagCodes[tagCount++] = noTag;
    else {
      const owner = blankToNull(o.owner);
      if (owner !== null) {
        let code = ownerLookup.get(owner);
        if (code === undefined) {
          code = ownerValues.length;
          ownerValues.push(owner);
          ownerLookup.set(owner, code);
        }
        ownerCodes[i] = code;
      }
      const tags = o.tags;
      if (tags.length === 0) tagCodes[tagCount++] = noTag;
      else
        for (let t = 0; t < tags.length; t++) tagCodes[tagCount++] = codeOfTag(tags[t] as string);
      if (owner !== null || tags.length > 0 || blankToNull(o.note) !== null) annotated[i] = 1;
    }
    const name = l === undefined ? null : blankToNull(l.name);
    if (name !== null) {
      let code = nameLookup.get(name);
      if (code === undefined) {
        code = names.length;
        names.push(name);
        nameLookup.set(name, code);
      }
      nameCodes[i] = code;
      const value = subscriptionDim.values[subscriptionDim.codes[i] as number] as string;
      if (value !== NO_SUBSCRIPTION && !subscriptionNames.has(value))
        subscriptionNames.set(value, name);
    }
  }
  tagStarts[n] = tagCount;
  const tag: MultiDimension = {
    values: tagValues,
    lookup: tagLookup,
    starts: tagStarts,
    codes: tagCodes.subarray(0, tagCount),
  };
  const owner: Dimension = { values: ownerValues, codes: ownerCodes, lookup: ownerLookup };
  // Rows on first use: one per own annotation, one per label for tenants with only a label.
  // (Keyed by the label too: a source may share one annotation object between tenants.)
  const byOwn = new WeakMap<
    TenantAnnotation,
    { label: SubscriptionLabel | undefined; row: RowAnnotation }
  >();
  const byLabel = new Map<SubscriptionLabel, RowAnnotation>();
  const annotationAt = (i: number): RowAnnotation => {
    const o = own[i];
    const l = labels[i];
    if (o !== undefined) {
      const kept = byOwn.get(o);
      if (kept !== undefined && kept.label === l) return kept.row;
      const row = rowAnnotation(o, l);
      byOwn.set(o, { label: l, row });
      return row;
    }
    if (l === undefined) return NO_ANNOTATION;
    let row = byLabel.get(l);
    if (row === undefined) byLabel.set(l, (row = rowAnnotation(undefined, l)));
    return row;
  };

  const subscriptionGroups = buildGroupColumn("subscription", subscriptionDim, (v) =>
    v === NO_SUBSCRIPTION ? NO_SUBSCRIPTION_LABEL : (subscriptionNames.get(v) ?? v),
  );
  const ownerGroups = buildGroupColumn("owner", owner, (v) =>
    v === NO_OWNER ? NO_OWNER_LABEL : v,
  );
  const tagOrder = tagValues
    .map((v, code) => ({ v, code, key: code === noTag ? "\uffff" : naturalSortKey(v) }))
    .sort((a, b) => compareCodeUnits(a.key, b.key) || compareCodeUnits(a.v, b.v));
  const bucketOfCode = new Uint32Array(tagValues.length);
  tagOrder.forEach((o, bucket) => (bucketOfCode[o.code] = bucket));
  const tagGroups: TagGroups = {
    values: tagOrder.map((o) => o.v),
    labels: tagOrder.map((o) => (o.code === noTag ? NO_TAGS_LABEL : o.v)),
    bucketOfCode,
  };

  // Search: the distinct owners and names, folded once; a word scans those, then the tenants.
  const ownerFolded = owner.values.map((v) => (v === NO_OWNER ? null : foldText(v)));
  const namesFolded = names.map((v) => (v === null ? null : foldText(v)));
  const sortColumns = new Map<string, SortColumn>();

  return {
    version: source.version,
    annotationAt,
    owner,
    tag,
    annotated,
    subscriptionNames,
    groups: { subscription: subscriptionGroups, owner: ownerGroups, tag: tagGroups },
    extraMatches(word) {
      const byOwner = codesHolding(ownerFolded, word);
      const byName = codesHolding(namesFolded, word);
      if (byOwner === null && byName === null) return null;
      const flags = new Uint8Array(n);
      const list = new Uint32Array(n);
      let count = 0;
      const ownerCodes = owner.codes;
      for (let i = 0; i < n; i++) {
        if (
          (byOwner !== null && byOwner[ownerCodes[i] as number] === 1) ||
          (byName !== null && byName[nameCodes[i] as number] === 1)
        ) {
          flags[i] = 1;
          list[count++] = i;
        }
      }
      return { list: list.slice(0, count), flags };
    },
    ownerHolds: (i, word) => ownerFolded[owner.codes[i] as number]?.includes(word) ?? false,
    subscriptionNameHolds: (i, word) =>
      namesFolded[nameCodes[i] as number]?.includes(word) ?? false,
    sortColumn(field) {
      let column = sortColumns.get(field);
      if (!column) {
        const texts: (string | null)[] = new Array(n);
        for (let i = 0; i < n; i++)
          texts[i] =
            field === "owner"
              ? ownerCodes[i] === 0
                ? null
                : (ownerValues[ownerCodes[i] as number] as string)
              : (names[nameCodes[i] as number] as string | null);
        column = withPermutations(denseTextRanks(texts, naturalSortKey), byId);
        sortColumns.set(field, column);
      }
      return column;
    },
    get byteLength() {
      let bytes =
        owner.codes.byteLength +
        tag.starts.byteLength +
        tag.codes.byteLength +
        annotated.byteLength +
        nameCodes.byteLength +
        subscriptionGroups.keys.byteLength +
        ownerGroups.keys.byteLength;
      for (const c of sortColumns.values())
        bytes += c.keys.byteLength + c.asc.byteLength + c.desc.byteLength;
      return bytes;
    },
  };
}
