// The alert routes called in-process, as Next.js calls them, with sessions minted like next-auth's.
import { GET as listDeliveriesRoute } from "@/app/api/alerts/deliveries/route";
import { POST as testRoute } from "@/app/api/alerts/rules/[id]/test/route";
import { DELETE, PATCH } from "@/app/api/alerts/rules/[id]/route";
import { GET as listRoute, POST } from "@/app/api/alerts/rules/route";
import { PEOPLE, request, sessionCookie } from "../../auth/support";

const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const json = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));
const q = (qs: string) => (qs ? `?${qs}` : "");

export async function cookies() {
  return { admin: await sessionCookie(PEOPLE.admin), viewer: await sessionCookie(PEOPLE.viewer) };
}

export const alertsApi = {
  create: (body: unknown, cookie?: string) =>
    POST(request("/api/alerts/rules", { cookie, method: "POST", body: json(body) }), params({})),
  list: (cookie?: string) => listRoute(request("/api/alerts/rules", { cookie }), params({})),
  patch: (id: string, body: unknown, cookie?: string) =>
    PATCH(
      request(`/api/alerts/rules/${id}`, { cookie, method: "PATCH", body: json(body) }),
      params({ id }),
    ),
  remove: (id: string, cookie?: string) =>
    DELETE(request(`/api/alerts/rules/${id}`, { cookie, method: "DELETE" }), params({ id })),
  test: (id: string, cookie?: string) =>
    testRoute(request(`/api/alerts/rules/${id}/test`, { cookie, method: "POST" }), params({ id })),
  deliveries: (qs: string, cookie?: string) =>
    listDeliveriesRoute(request(`/api/alerts/deliveries${q(qs)}`, { cookie }), params({})),
};
