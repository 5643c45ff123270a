// The filterable tenant attributes and the operators each accepts, as listed in the contract's
// `x-scim-filter` (tests/simulator/scim-contract.test.ts keeps the two in step). Attribute names are
// matched exactly as published; operators and logical keywords case-insensitively.

export const COMPARISON_OPERATORS = ["eq", "ne", "gt", "ge", "lt", "le", "co"] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export type AttributeKind = "string" | "date";

export interface AttributeSpec {
  operators: readonly ComparisonOperator[];
  kind: AttributeKind;
}

export const FILTER_ATTRIBUTES = {
  subscriptionId: { operators: ["eq"], kind: "string" },
  name: { operators: ["eq"], kind: "string" },
  hostnames: { operators: ["eq"], kind: "string" },
  id: { operators: ["eq"], kind: "string" },
  originalId: { operators: ["eq"], kind: "string" },
  regionCode: { operators: ["eq", "ne"], kind: "string" },
  status: { operators: ["eq", "ne"], kind: "string" },
  countryCode: { operators: ["eq", "ne"], kind: "string" },
  createdAt: { operators: ["eq", "ne", "gt", "ge", "lt", "le"], kind: "date" },
  updatedAt: { operators: ["eq", "ne", "gt", "ge", "lt", "le"], kind: "date" },
} as const satisfies Record<string, AttributeSpec>;

export type FilterAttribute = keyof typeof FILTER_ATTRIBUTES;

export function isFilterAttribute(name: string): name is FilterAttribute {
  return Object.prototype.hasOwnProperty.call(FILTER_ATTRIBUTES, name);
}

/** RFC 7644 operators we know of but nobody may use on tenants (reported as unsupported). */
export const KNOWN_UNSUPPORTED_OPERATORS = ["sw", "ew", "pr"] as const;
