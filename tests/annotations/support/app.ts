// The annotation routes called in-process, as Next.js calls them, with sessions minted the way
// next-auth mints them (see tests/shares/support/app.ts), plus the people and helpers the tests share.
import { GET as changesRoute } from "@/app/api/changes/route";
import { POST as importRoute } from "@/app/api/annotations/import/route";
import { GET as listSubscriptions } from "@/app/api/subscriptions/route";
import { PUT as putSubscription } from "@/app/api/subscriptions/[id]/route";
import { GET as tagsRoute } from "@/app/api/tags/route";
import {
  GET as getAnnotation,
  PATCH as patchAnnotation,
} from "@/app/api/tenants/[id]/annotations/route";
import { POST as bulkRoute } from "@/app/api/tenants/annotations/route";
import { GET as tenantRoute } from "@/app/api/tenants/[id]/route";
import { request } from "../../auth/support";

type Init = { cookie?: string; headers?: Record<string, string> };
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const json = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));
const q = (qs: string) => (qs ? `?${qs}` : "");

export const api = {
  subscriptions: (init: Init = {}, qs = "") =>
    listSubscriptions(request(`/api/subscriptions${q(qs)}`, init), params({})),
  putSubscription: (id: string, body: unknown, init: Init = {}) =>
    putSubscription(
      request(`/api/subscriptions/${encodeURIComponent(id)}`, {
        ...init,
        method: "PUT",
        body: json(body),
      }),
      params({ id }),
    ),
  annotation: (id: string, init: Init = {}) =>
    getAnnotation(
      request(`/api/tenants/${encodeURIComponent(id)}/annotations`, init),
      params({ id }),
    ),
  patch: (id: string, body: unknown, init: Init = {}) =>
    patchAnnotation(
      request(`/api/tenants/${encodeURIComponent(id)}/annotations`, {
        ...init,
        method: "PATCH",
        body: json(body),
      }),
      params({ id }),
    ),
  bulk: (body: unknown, init: Init = {}) =>
    bulkRoute(
      request("/api/tenants/annotations", { ...init, method: "POST", body: json(body) }),
      params({}),
    ),
  tags: (qs = "", init: Init = {}) => tagsRoute(request(`/api/tags${q(qs)}`, init), params({})),
  tenant: (id: string, init: Init = {}) =>
    tenantRoute(request(`/api/tenants/${encodeURIComponent(id)}`, init), params({ id })),
  changes: (qs = "", init: Init = {}) =>
    changesRoute(request(`/api/changes${q(qs)}`, init), params({})),
  import: (csv: string | Uint8Array, qs: string, init: Init & { contentType?: string } = {}) =>
    importRoute(
      request(`/api/annotations/import${q(qs)}`, {
        ...init,
        method: "POST",
        body: csv as BodyInit,
        headers: { "content-type": init.contentType ?? "text/csv", ...init.headers },
      }),
      params({}),
    ),
};

export async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}
