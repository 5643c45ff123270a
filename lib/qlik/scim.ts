import "server-only";

// SCIM filter expressions (RFC 7644 §3.4.2.2) for the tenants endpoints, built so that no value
// (a tenant name, a search box) can change the structure of the filter: values are always
// JSON-quoted (backslash and double quote escaped, control characters as \n, \t, \uXXXX),
// attribute names and operators come from allow-lists, compound operands are parenthesized.

export const SCIM_ATTRIBUTES = [
  "subscriptionId",
  "regionCode",
  "countryCode",
  "name",
  "hostnames",
  "createdAt",
  "updatedAt",
  "id",
  "status",
  "originalId",
] as const;
export type ScimAttribute = (typeof SCIM_ATTRIBUTES)[number];

export const SCIM_OPERATORS = ["eq", "ne", "gt", "ge", "lt", "le", "co"] as const;
export type ScimOperator = (typeof SCIM_OPERATORS)[number];

export type ScimValue = string | number | boolean | null | Date;

const attributes = new Set<string>(SCIM_ATTRIBUTES);
const operators = new Set<string>(SCIM_OPERATORS);
const brand: unique symbol = Symbol("ScimFilter");

/** A filter made by this module; `String(filter)` is the expression to send. */
export interface ScimFilter {
  readonly [brand]: true;
  readonly kind: "compare" | "and" | "or" | "not";
  readonly text: string;
  toString(): string;
}

function make(kind: ScimFilter["kind"], text: string): ScimFilter {
  return Object.freeze({ [brand]: true as const, kind, text, toString: () => text });
}

export function isScimFilter(value: unknown): value is ScimFilter {
  return typeof value === "object" && value !== null && brand in value;
}

/** The value as a SCIM comparison value: a JSON string, number, boolean or null. */
export function scimValue(value: ScimValue): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError("SCIM value: invalid Date");
    return JSON.stringify(value.toISOString());
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("SCIM value: numbers must be finite");
    return String(value);
  }
  if (typeof value === "boolean" || value === null) return String(value);
  if (typeof value !== "string") throw new TypeError("SCIM value: unsupported type");
  // JSON.stringify escapes exactly what a SCIM (JSON) string needs: \ " and control characters.
  return JSON.stringify(value);
}

export function compare(
  attribute: ScimAttribute,
  operator: ScimOperator,
  value: ScimValue,
): ScimFilter {
  if (!attributes.has(attribute)) {
    throw new RangeError(`SCIM attribute "${String(attribute)}" is not filterable on tenants`);
  }
  if (!operators.has(operator))
    throw new RangeError(`SCIM operator "${String(operator)}" is not supported`);
  return make("compare", `${attribute} ${operator} ${scimValue(value)}`);
}

function operand(filter: ScimFilter, parent: "and" | "or"): string {
  if (!isScimFilter(filter))
    throw new TypeError("SCIM: operands must be filters built with scim.*");
  // `and` binds tighter than `or`; parenthesize anything compound that differs from the parent.
  return filter.kind === "compare" || filter.kind === "not" || filter.kind === parent
    ? filter.text
    : `(${filter.text})`;
}

function join(kind: "and" | "or", filters: readonly ScimFilter[]): ScimFilter {
  if (filters.length === 0) throw new RangeError(`SCIM ${kind}() needs at least one filter`);
  if (filters.length === 1) {
    const only = filters[0]!;
    if (!isScimFilter(only))
      throw new TypeError("SCIM: operands must be filters built with scim.*");
    return only;
  }
  return make(kind, filters.map((f) => operand(f, kind)).join(` ${kind} `));
}

export const scim = {
  eq: (attribute: ScimAttribute, value: ScimValue) => compare(attribute, "eq", value),
  ne: (attribute: ScimAttribute, value: ScimValue) => compare(attribute, "ne", value),
  gt: (attribute: ScimAttribute, value: ScimValue) => compare(attribute, "gt", value),
  ge: (attribute: ScimAttribute, value: ScimValue) => compare(attribute, "ge", value),
  lt: (attribute: ScimAttribute, value: ScimValue) => compare(attribute, "lt", value),
  le: (attribute: ScimAttribute, value: ScimValue) => compare(attribute, "le", value),
  co: (attribute: ScimAttribute, value: ScimValue) => compare(attribute, "co", value),
  /** `attribute eq v1 or attribute eq v2 …` (one value: a plain eq). */
  in: (attribute: ScimAttribute, values: readonly ScimValue[]) =>
    join(
      "or",
      values.map((v) => compare(attribute, "eq", v)),
    ),
  and: (...filters: ScimFilter[]) => join("and", filters),
  or: (...filters: ScimFilter[]) => join("or", filters),
  not: (filter: ScimFilter) => {
    if (!isScimFilter(filter)) throw new TypeError("SCIM: not() takes a filter built with scim.*");
    return make("not", `not (${filter.text})`);
  },
} as const;
