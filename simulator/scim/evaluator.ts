// Turns a parsed filter into a predicate over stored tenants, and answers the two questions the
// routes ask about a filter: which subscriptionIds it names, and whether it restricts the result to
// named subscriptions (required by the count endpoint).
import type { Comparison, FilterNode } from "./parser";

/** The tenant fields a filter can look at (the store's records carry these). */
export interface FilterTarget {
  id: string;
  name: string | undefined;
  subscriptionId: string | undefined;
  regionCode: string;
  countryCode: string;
  status: string;
  /** Lower-cased hostnames. */
  hostnamesLower: string[];
  createdMs: number;
  updatedMs: number;
}

export type Predicate = (t: FilterTarget) => boolean;

export function compileFilter(node: FilterNode): Predicate {
  switch (node.type) {
    case "and": {
      const l = compileFilter(node.left);
      const r = compileFilter(node.right);
      return (t) => l(t) && r(t);
    }
    case "or": {
      const l = compileFilter(node.left);
      const r = compileFilter(node.right);
      return (t) => l(t) || r(t);
    }
    case "not": {
      const e = compileFilter(node.expr);
      return (t) => !e(t);
    }
    case "cmp":
      return compileComparison(node);
  }
}

function compileComparison(node: Comparison): Predicate {
  const { value } = node;
  switch (node.attr) {
    case "createdAt":
    case "updatedAt": {
      const key = node.attr === "createdAt" ? "createdMs" : "updatedMs";
      const { from, to } = node.range ?? { from: NaN, to: NaN };
      switch (node.op) {
        case "eq":
          return (t) => t[key] >= from && t[key] < to;
        case "ne":
          return (t) => !(t[key] >= from && t[key] < to);
        case "gt":
          return (t) => t[key] >= to;
        case "ge":
          return (t) => t[key] >= from;
        case "lt":
          return (t) => t[key] < from;
        case "le":
          return (t) => t[key] < to;
        default:
          return () => false;
      }
    }
    case "hostnames": {
      const lower = value.toLowerCase();
      return (t) => t.hostnamesLower.includes(lower);
    }
    case "id":
    case "originalId":
      return (t) => t.id === value;
    default: {
      const attr = node.attr;
      const eq: Predicate = (t) => t[attr] === value;
      return node.op === "ne" ? (t) => !eq(t) : eq;
    }
  }
}

/** Every `subscriptionId` comparison in the filter (any position), for the 403 ownership check. */
export function subscriptionComparisons(node: FilterNode): Comparison[] {
  switch (node.type) {
    case "cmp":
      return node.attr === "subscriptionId" ? [node] : [];
    case "not":
      return subscriptionComparisons(node.expr);
    default:
      return [...subscriptionComparisons(node.left), ...subscriptionComparisons(node.right)];
  }
}

/**
 * True when every tenant the filter can match must satisfy some `subscriptionId eq "…"` (an
 * and-operand, or present in every branch of an or; never under not).
 */
export function restrictsToSubscriptions(node: FilterNode): boolean {
  switch (node.type) {
    case "cmp":
      return node.attr === "subscriptionId" && node.op === "eq";
    case "and":
      return restrictsToSubscriptions(node.left) || restrictsToSubscriptions(node.right);
    case "or":
      return restrictsToSubscriptions(node.left) && restrictsToSubscriptions(node.right);
    case "not":
      return false;
  }
}
