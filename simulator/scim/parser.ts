// Recursive-descent parser for tenant SCIM filters. Precedence follows RFC 7644: not > and > or;
// `not` takes a parenthesised expression. Values are double-quoted strings; date attributes take an
// ISO date (a whole UTC day) or an ISO date-time with a time zone (one millisecond).
import {
  COMPARISON_OPERATORS,
  FILTER_ATTRIBUTES,
  KNOWN_UNSUPPORTED_OPERATORS,
  isFilterAttribute,
  type ComparisonOperator,
  type FilterAttribute,
} from "./attributes";
import { FilterSyntaxError } from "./filter-error";
import { tokenize, type Token } from "./tokenizer";

export interface Comparison {
  type: "cmp";
  attr: FilterAttribute;
  op: ComparisonOperator;
  value: string;
  /** For date attributes: the instant range [from, to) in epoch ms the value stands for. */
  range?: { from: number; to: number };
  pos: number;
}

export type FilterNode =
  | Comparison
  | { type: "and" | "or"; left: FilterNode; right: FilterNode }
  | { type: "not"; expr: FilterNode };

export const MAX_FILTER_LENGTH = 10_000;
const MAX_DEPTH = 64;

export function parseFilter(input: string): FilterNode {
  if (input.length > MAX_FILTER_LENGTH)
    throw new FilterSyntaxError(`filter is longer than ${MAX_FILTER_LENGTH} characters`, 0);
  if (input.trim() === "") throw new FilterSyntaxError("filter is empty", 0);
  return new Parser(tokenize(input)).parse();
}

function describe(token: Token): string {
  switch (token.kind) {
    case "lparen":
      return "'('";
    case "rparen":
      return "')'";
    case "string":
      return `string ${JSON.stringify(token.value)}`;
    case "word":
      return `'${token.value}'`;
    case "end":
      return "end of filter";
  }
}

const isKeyword = (token: Token, keyword: string) =>
  token.kind === "word" && token.value.toLowerCase() === keyword;

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] ?? { kind: "end", pos: 0 };
  }

  private take(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }

  parse(): FilterNode {
    const node = this.orExpr();
    const next = this.peek();
    if (next.kind === "rparen")
      throw new FilterSyntaxError("unexpected ')' without a matching '('", next.pos);
    if (next.kind !== "end")
      throw new FilterSyntaxError(
        `unexpected ${describe(next)} after a complete expression (expected 'and', 'or' or end of filter)`,
        next.pos,
      );
    return node;
  }

  private orExpr(): FilterNode {
    let left = this.andExpr();
    while (isKeyword(this.peek(), "or")) {
      this.take();
      left = { type: "or", left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): FilterNode {
    let left = this.unary();
    while (isKeyword(this.peek(), "and")) {
      this.take();
      left = { type: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    const token = this.peek();
    if (isKeyword(token, "not")) {
      this.take();
      const open = this.peek();
      if (open.kind !== "lparen")
        throw new FilterSyntaxError(
          `expected '(' after 'not', found ${describe(open)} (write not (expression))`,
          open.pos,
        );
      return { type: "not", expr: this.group() };
    }
    if (token.kind === "lparen") return this.group();
    return this.comparison();
  }

  private group(): FilterNode {
    const open = this.take();
    if (++this.depth > MAX_DEPTH)
      throw new FilterSyntaxError(`parentheses nested deeper than ${MAX_DEPTH} levels`, open.pos);
    const node = this.orExpr();
    const close = this.peek();
    if (close.kind !== "rparen") {
      if (close.kind === "end")
        throw new FilterSyntaxError("missing ')' to close this '('", open.pos);
      throw new FilterSyntaxError(
        `unexpected ${describe(close)} (expected 'and', 'or' or ')' to close '(' at position ${open.pos})`,
        close.pos,
      );
    }
    this.take();
    this.depth--;
    return node;
  }

  private comparison(): Comparison {
    const attrToken = this.take();
    if (attrToken.kind !== "word" || ["and", "or"].includes(attrToken.value.toLowerCase()))
      throw new FilterSyntaxError(
        `expected an attribute name, 'not' or '(' but found ${describe(attrToken)}`,
        attrToken.pos,
      );
    const attr = attrToken.value;
    if (!isFilterAttribute(attr)) {
      const hint = Object.keys(FILTER_ATTRIBUTES).find(
        (a) => a.toLowerCase() === attr.toLowerCase(),
      );
      throw new FilterSyntaxError(
        hint
          ? `unknown attribute '${attr}' (attribute names are case-sensitive: did you mean '${hint}'?)`
          : `unknown attribute '${attr}' (filterable: ${Object.keys(FILTER_ATTRIBUTES).join(", ")})`,
        attrToken.pos,
      );
    }
    const spec = FILTER_ATTRIBUTES[attr];
    const supported = spec.operators.join(", ");

    const opToken = this.take();
    if (opToken.kind !== "word")
      throw new FilterSyntaxError(
        `expected an operator after '${attr}' but found ${describe(opToken)}`,
        opToken.pos,
      );
    const op = opToken.value.toLowerCase();
    if (!(COMPARISON_OPERATORS as readonly string[]).includes(op)) {
      const known = (KNOWN_UNSUPPORTED_OPERATORS as readonly string[]).includes(op);
      throw new FilterSyntaxError(
        known
          ? `operator '${opToken.value}' is not supported (supported for '${attr}': ${supported})`
          : `unknown operator '${opToken.value}' (supported for '${attr}': ${supported})`,
        opToken.pos,
      );
    }
    if (!(spec.operators as readonly string[]).includes(op))
      throw new FilterSyntaxError(
        `operator '${opToken.value}' is not supported for attribute '${attr}' (supported: ${supported})`,
        opToken.pos,
      );

    const valueToken = this.take();
    if (valueToken.kind !== "string")
      throw new FilterSyntaxError(
        `expected a double-quoted string value after '${attr} ${opToken.value}' but found ${describe(valueToken)}`,
        valueToken.pos,
      );
    const node: Comparison = {
      type: "cmp",
      attr,
      op: op as ComparisonOperator,
      value: valueToken.value,
      pos: attrToken.pos,
    };
    if (spec.kind === "date") {
      const range = parseDateValue(valueToken.value);
      if (!range)
        throw new FilterSyntaxError(
          `invalid date ${JSON.stringify(valueToken.value)} for '${attr}' (use YYYY-MM-DD or an ISO date-time with a time zone, e.g. 2024-01-31T12:00:00Z)`,
          valueToken.pos,
        );
      node.range = range;
    }
    return node;
  }
}

const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** `YYYY-MM-DD` → that whole UTC day; a date-time with a zone → that millisecond. */
export function parseDateValue(value: string): { from: number; to: number } | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const dayStart = Date.UTC(year, month - 1, day);
  const check = new Date(dayStart);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    return null;
  if (h === undefined) return { from: dayStart, to: dayStart + 86_400_000 };
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? "0");
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number((frac ?? "").padEnd(3, "0").slice(0, 3));
  let offset = 0;
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  const from = dayStart + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offset;
  return { from, to: from + 1 };
}

/** A canonical text for a parsed filter: equal filters share cache entries. */
export function filterKey(node: FilterNode): string {
  switch (node.type) {
    case "cmp":
      return `${node.attr} ${node.op} ${JSON.stringify(node.value)}`;
    case "not":
      return `not(${filterKey(node.expr)})`;
    default:
      return `${node.type}(${filterKey(node.left)},${filterKey(node.right)})`;
  }
}
