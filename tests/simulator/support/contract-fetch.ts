// fetch() that checks every answer against the published contract
// (simulator/contract/qlik-org-tenants.openapi.json): status declared for the operation (401 and 429
// are validated against Errors / RateLimitErrors, which the spec does not attach), JSON content type,
// body schema, Retry-After on 429. Objects may not carry properties the contract does not list
// (`strict`, on by default). Every simulator test sends its requests through here; other suites may
// reuse it (`contractFetch`, `assertSchema`).
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const SPEC_PATH = path.resolve(
  __dirname,
  "../../../simulator/contract/qlik-org-tenants.openapi.json",
);

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractViolation";
  }
}

const spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as Spec;

/** Adds additionalProperties:false to every object schema that lists properties and says nothing. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k.startsWith("x-") || k === "example" ? v : closeObjects(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(name: string, strict: boolean): ValidateFunction {
  const key = `${strict ? "strict" : "loose"}:${name}`;
  let v = validators.get(key);
  if (!v) {
    v = ajvs[strict ? "strict" : "loose"].getSchema(`contract.json#/components/schemas/${name}`);
    if (!v) throw new Error(`contract has no schema ${name}`);
    validators.set(key, v);
  }
  return v;
}

function makeAjv(strict: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schemas = strict
    ? (closeObjects(spec.components.schemas) as Record<string, unknown>)
    : spec.components.schemas;
  ajv.addSchema({ $id: "contract.json", components: { schemas } });
  return ajv;
}
const ajvs = { strict: makeAjv(true), loose: makeAjv(false) };

/** Validates `value` against a component schema of the contract; throws ContractViolation. */
export function assertSchema(
  name: string,
  value: unknown,
  opts: { strict?: boolean; context?: string } = {},
): void {
  const validate = validatorFor(name, opts.strict ?? true);
  if (!validate(value)) {
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) =>
          `${e.instancePath || "/"} ${e.message ?? ""}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`,
      )
      .join("; ");
    throw new ContractViolation(`${opts.context ?? "value"} does not match ${name}: ${errors}`);
  }
}

/** The contract path template for a request path, or undefined (e.g. an unknown route). */
export function contractPath(pathname: string): string | undefined {
  if (spec.paths[pathname]) return pathname;
  for (const template of Object.keys(spec.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (re.test(pathname)) return template;
  }
  return undefined;
}

/** The component schema the contract prescribes for this answer. */
export function expectedSchema(method: string, pathname: string, status: number): string {
  const template = contractPath(pathname);
  const op = template ? spec.paths[template]?.[method.toLowerCase()] : undefined;
  if (!op) {
    if (status < 400)
      throw new ContractViolation(
        `${method} ${pathname} is not in the contract but answered ${status}`,
      );
    return "Errors";
  }
  const declared =
    op.responses[String(status)] ??
    (status === 401 || status === 429 ? undefined : op.responses.default);
  const ref = declared?.content?.["application/json"]?.schema?.$ref;
  if (ref) return ref.replace("#/components/schemas/", "");
  if (status === 429) return "RateLimitErrors";
  if (status >= 400) return "Errors";
  throw new ContractViolation(
    `${method} ${pathname}: status ${status} is not declared by the contract`,
  );
}

export interface ContractResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON (undefined when the body is not JSON and `expectInvalidJson` was set). */
  body: T;
  text: string;
  /** Which contract schema the body was checked against. */
  schema: string;
  jsonError?: string;
}

export interface ContractFetchOptions {
  /** Check objects for properties the contract does not list (default true). */
  strict?: boolean;
  /** The test provokes a broken body (malformed-JSON fault): return it instead of failing. */
  expectInvalidJson?: boolean;
}

/** Validates an answer already received; throws ContractViolation. */
export function validateAnswer(
  method: string,
  url: string,
  status: number,
  headers: Headers,
  body: unknown,
  opts: { strict?: boolean } = {},
): string {
  const { pathname } = new URL(url);
  const context = `${method} ${pathname} → ${status}`;
  const type = headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    throw new ContractViolation(`${context}: content-type is ${JSON.stringify(type)}`);
  if (pathname.startsWith("/__sim/")) {
    if (status >= 400) assertSchema("Errors", body, { strict: opts.strict, context });
    return status >= 400 ? "Errors" : "(simulator admin)";
  }
  const schema = expectedSchema(method, pathname, status);
  assertSchema(schema, body, { strict: opts.strict, context });
  if (status === 429) {
    const retry = headers.get("retry-after");
    if (retry === null || !/^\d+$/.test(retry))
      throw new ContractViolation(`${context}: Retry-After is ${JSON.stringify(retry)}`);
  } else if (status >= 400) {
    // Everything but 429 uses the full Qlik error item (status as a string equal to the HTTP status).
    assertSchema("Errors", body, { strict: opts.strict, context });
    const items = (body as { errors?: { status?: string }[] }).errors ?? [];
    if (items.length === 0 || items.some((e) => e.status !== String(status)))
      throw new ContractViolation(`${context}: errors[].status must be "${status}"`);
  }
  return schema;
}

/** fetch() + contract validation of the answer. Network errors and cut-off bodies reject as usual. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
export async function contractFetch<T = any>(
  input: string | URL,
  init: RequestInit = {},
  opts: ContractFetchOptions = {},
): Promise<ContractResponse<T>> {
  const url = String(input);
  const method = (init.method ?? "GET").toUpperCase();
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    if (!opts.expectInvalidJson)
      throw new ContractViolation(
        `${method} ${url} → ${res.status}: body is not JSON (${(err as Error).message})`,
      );
    return {
      status: res.status,
      headers: res.headers,
      body: undefined as T,
      text,
      schema: "(invalid JSON)",
      jsonError: (err as Error).message,
    };
  }
  const schema = validateAnswer(method, url, res.status, res.headers, body, opts);
  return { status: res.status, headers: res.headers, body: body as T, text, schema };
}
