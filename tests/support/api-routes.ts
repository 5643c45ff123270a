// Finds every API route handler (app/api/**/route.ts) and the rule it declares, by reading the
// source: `export const GET = withRoute({ role: "viewer", ... }, ...)`. Used by the role matrix
// tests (tests/auth/route-matrix.test.ts and e2e/role-matrix.spec.ts); a handler written any other
// way comes back with a `problem`, which fails them.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** "share": the caller holds a share link (the route's `[token]` segment), not a role. */
export type DeclaredRole = "public" | "share" | "viewer" | "admin";

export type DiscoveredHandler = {
  /** Relative to the repository, e.g. app/api/tenants/[id]/route.ts */
  file: string;
  /** e.g. /api/tenants/[id] */
  route: string;
  method: HttpMethod;
  role: DeclaredRole | null;
  /** Why no rule could be read; null when `role` is set. */
  problem: string | null;
};

const ROOT = path.resolve(__dirname, "../..");
const ROLES = new Set<string>(["public", "share", "viewer", "admin"]);

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** /api/tenants/[id] for app/api/tenants/[id]/route.ts; route groups like (admin) drop out. */
export function routeOf(file: string): string {
  const dir = path.dirname(path.relative(path.join(ROOT, "app"), path.resolve(ROOT, file)));
  return `/${dir
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .join("/")}`;
}

/** A URL that reaches the route, with made-up values for dynamic segments. */
export function probeUrl(route: string): string {
  return route
    .replace(/\[\[?\.\.\.[^\]]+\]\]?/g, "e2e-probe/x")
    .replace(/\[[^\]]+\]/g, "e2e-probe");
}

function ruleOfCall(expr: ts.Expression | undefined): {
  role: DeclaredRole | null;
  problem: string | null;
} {
  const wrap = "declare it as `export const GET = withRoute({ role: ... }, handler)`";
  if (!expr || !ts.isCallExpression(expr) || expr.expression.getText() !== "withRoute")
    return { role: null, problem: `not wrapped in withRoute(); ${wrap}` };
  const [first] = expr.arguments;
  if (!first || !ts.isObjectLiteralExpression(first))
    return {
      role: null,
      problem: `withRoute()'s first argument must be an object literal; ${wrap}`,
    };
  const roleProp = first.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === "role",
  );
  const value = roleProp?.initializer;
  if (!value || !ts.isStringLiteralLike(value) || !ROLES.has(value.text))
    return {
      role: null,
      problem: `the rule has no literal role "public" | "share" | "viewer" | "admin"; ${wrap}`,
    };
  return { role: value.text as DeclaredRole, problem: null };
}

export function declaredHandlers(file: string): DiscoveredHandler[] {
  const full = path.resolve(ROOT, file);
  const source = ts.createSourceFile(
    full,
    fs.readFileSync(full, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const rel = path.relative(ROOT, full);
  const route = routeOf(rel);
  const locals = new Map<string, ts.Expression | undefined>();
  const found: DiscoveredHandler[] = [];
  const isMethod = (name: string): name is HttpMethod =>
    (HTTP_METHODS as readonly string[]).includes(name);
  const add = (method: HttpMethod, rule: { role: DeclaredRole | null; problem: string | null }) =>
    found.push({ file: rel, route, method, ...rule });
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name)) continue;
        locals.set(decl.name.text, decl.initializer);
        if (exported(statement) && isMethod(decl.name.text))
          add(decl.name.text, ruleOfCall(decl.initializer));
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name && exported(statement)) {
      if (isMethod(statement.name.text))
        add(statement.name.text, {
          role: null,
          problem: "an exported function, not wrapped in withRoute()",
        });
    }
  }
  for (const statement of source.statements) {
    if (
      !ts.isExportDeclaration(statement) ||
      !statement.exportClause ||
      !ts.isNamedExports(statement.exportClause)
    )
      continue;
    for (const spec of statement.exportClause.elements) {
      const name = spec.name.text;
      if (!isMethod(name)) continue;
      if (statement.moduleSpecifier) {
        add(name, {
          role: null,
          problem: "re-exported from another module; declare the rule in the route file",
        });
        continue;
      }
      add(name, ruleOfCall(locals.get((spec.propertyName ?? spec.name).text)));
    }
  }
  return found;
}

/** Every handler of every API route in the repository. */
export function discoverApiHandlers(): DiscoveredHandler[] {
  return walk(path.join(ROOT, "app", "api"))
    .sort()
    .flatMap((file) => declaredHandlers(file));
}

export function routeFiles(): string[] {
  return walk(path.join(ROOT, "app", "api"))
    .map((f) => path.relative(ROOT, f))
    .sort();
}
