// Share links for the browser tests: made through the API (what the dialog sends), plus the
// snapshot wait every data test needs.
import { expect, type APIRequestContext } from "@playwright/test";
import type { ShareJson } from "../../lib/shares/types";
import { APP_URL } from "./env";

export interface CreatedLink {
  share: ShareJson;
  url: string;
  token: string;
  /** The link's path, `/s/<token>`. */
  path: string;
}

export interface LinkOptions {
  name?: string;
  view?: string;
  columns?: string[];
  access?: "anyone" | "signed-in";
  allowExport?: boolean;
  expiresIn?: "1h" | "1d" | "7d" | "30d" | null;
  expiresAt?: string;
}

export function tokenOf(url: string): string {
  const match = /\/s\/([A-Za-z0-9_-]+)$/.exec(new URL(url).pathname);
  if (!match) throw new Error(`not a share link: ${url}`);
  return match[1]!;
}

/** POST /api/shares as the caller `request` is signed in as. */
export async function createLink(
  request: APIRequestContext,
  options: LinkOptions = {},
): Promise<CreatedLink> {
  const { expiresAt, expiresIn, ...rest } = options;
  const response = await request.post("/api/shares", {
    headers: { origin: APP_URL },
    data: {
      name: `E2E link ${Date.now()}`,
      view: "",
      columns: ["name", "status"],
      access: "anyone",
      allowExport: false,
      ...rest,
      ...(expiresAt ? { expiresAt } : { expiresIn: expiresIn === undefined ? "7d" : expiresIn }),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { share: ShareJson; url: string };
  const token = tokenOf(body.url);
  return { ...body, token, path: `/s/${token}` };
}

/** The first sync's snapshot (the explorer shows progress until then). */
export async function waitForSnapshot(api: APIRequestContext) {
  await expect(async () => {
    const res = await api.get("/api/sync");
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { snapshot: { takenAt: string | null } };
    expect(body.snapshot.takenAt).not.toBeNull();
  }).toPass({ timeout: 60_000 });
}

/** An error answer's code and status. */
export async function errorOf(response: {
  status(): number;
  json(): Promise<unknown>;
}): Promise<{ status: number; code: string | undefined }> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: response.status(), code: body?.error?.code };
}
