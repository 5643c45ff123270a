// The share routes called in-process, as Next.js calls them, with sessions minted the way next-auth
// mints them and the storage on an in-memory SQLite database.
import { openStorage, setStorageForTests, type Storage } from "@/lib/db/storage";
import { DELETE, PATCH } from "@/app/api/shares/[id]/route";
import { GET as listRoute, POST } from "@/app/api/shares/route";
import { GET as openRoute } from "@/app/api/s/[token]/route";
import { GET as tenantRoute } from "@/app/api/s/[token]/tenants/[id]/route";
import { GET as exportRoute } from "@/app/api/s/[token]/tenants/export/route";
import { GET as tenantsRoute } from "@/app/api/s/[token]/tenants/route";
import type { ShareJson } from "@/lib/shares/types";
import { PEOPLE, request, sessionCookie, type TestIdentity } from "../../auth/support";

export const PEOPLE_PLUS = {
  ...PEOPLE,
  /** A second viewer, to try someone else's links. */
  viewer2: { email: "val@viewers.example.com", name: "Val Viewer", provider: "oidc" },
} satisfies Record<string, TestIdentity>;
export type Person = keyof typeof PEOPLE_PLUS;

export async function useMemoryStorage(): Promise<Storage> {
  const storage = await openStorage({ url: "file::memory:" });
  setStorageForTests(storage);
  return storage;
}

export async function cookiesFor(): Promise<Record<Person, string>> {
  const entries = await Promise.all(
    Object.entries(PEOPLE_PLUS).map(async ([k, who]) => [k, await sessionCookie(who)] as const),
  );
  return Object.fromEntries(entries) as Record<Person, string>;
}

type Init = { cookie?: string; headers?: Record<string, string> };
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const json = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));
const q = (qs: string) => (qs ? `?${qs}` : "");

export const api = {
  create: (body: unknown, init: Init = {}) =>
    POST(request("/api/shares", { ...init, method: "POST", body: json(body) }), params({})),
  list: (qs = "", init: Init = {}) => listRoute(request(`/api/shares${q(qs)}`, init), params({})),
  patch: (id: string, body: unknown, init: Init = {}) =>
    PATCH(
      request(`/api/shares/${id}`, { ...init, method: "PATCH", body: json(body) }),
      params({ id }),
    ),
  revoke: (id: string, init: Init = {}) =>
    DELETE(request(`/api/shares/${id}`, { ...init, method: "DELETE" }), params({ id })),
  open: (token: string, init: Init = {}) =>
    openRoute(request(`/api/s/${token}`, init), params({ token })),
  tenants: (token: string, qs = "", init: Init = {}) =>
    tenantsRoute(request(`/api/s/${token}/tenants${q(qs)}`, init), params({ token })),
  tenant: (token: string, id: string, init: Init = {}) =>
    tenantRoute(
      request(`/api/s/${token}/tenants/${encodeURIComponent(id)}`, init),
      params({ token, id }),
    ),
  export: (token: string, qs = "", init: Init = {}) =>
    exportRoute(request(`/api/s/${token}/tenants/export${q(qs)}`, init), params({ token })),
};

export interface MadeLink {
  share: ShareJson;
  url: string;
  token: string;
}

/** POST /api/shares, expecting 201; the token is the URL's last segment. */
export async function makeLink(body: Record<string, unknown>, cookie: string): Promise<MadeLink> {
  const response = await api.create(
    { access: "anyone", columns: [], view: "", name: "Link", ...body },
    { cookie },
  );
  if (response.status !== 201)
    throw new Error(`POST /api/shares: ${response.status} ${await response.text()}`);
  const made = (await response.json()) as { share: ShareJson; url: string };
  return { ...made, token: made.url.split("/").pop()! };
}

export async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}
