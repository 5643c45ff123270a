// Test helpers: a simulator on a free port, tokens, and authenticated contract-checked requests.
import {
  startSimulator,
  type SimulatorHandle,
  type SimulatorOptions,
} from "../../../simulator/server";
import { contractFetch, type ContractFetchOptions, type ContractResponse } from "./contract-fetch";

export const CLIENT = {
  client_id: "demo-client",
  client_secret: "demo-secret",
  grant_type: "client_credentials",
};

export function startTestSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator({ port: 0, tenants: 300, subscriptions: 6, seed: 7, ...opts });
}

export async function getToken(
  sim: SimulatorHandle,
  body: Record<string, string> = CLIENT,
): Promise<string> {
  const res = await contractFetch(`${sim.url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.body.access_token as string;
}

/** Response bodies in tests are read freely; the contract check has already validated them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export type Res = ContractResponse<Json>;

export interface Api {
  get(pathOrUrl: string, opts?: ContractFetchOptions): Promise<Res>;
  post(pathOrUrl: string, body: unknown, opts?: ContractFetchOptions): Promise<Res>;
  token: string;
}

/** Requests with a bearer token; paths are relative to the simulator, absolute URLs are used as they are. */
export async function api(sim: SimulatorHandle, token?: string): Promise<Api> {
  const bearer = token ?? (await getToken(sim));
  const abs = (p: string) => (p.startsWith("http") ? p : `${sim.url}${p}`);
  return {
    token: bearer,
    get: (p, opts) =>
      contractFetch(abs(p), { headers: { authorization: `Bearer ${bearer}` } }, opts),
    post: (p, body, opts) =>
      contractFetch(
        abs(p),
        {
          method: "POST",
          headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
          body: typeof body === "string" ? body : JSON.stringify(body),
        },
        opts,
      ),
  };
}

/** URL-encodes a filter for a query string. */
export const q = (filter: string) => encodeURIComponent(filter);

/** POSTs to an admin endpoint (simulator started with admin: true). */
export function admin(sim: SimulatorHandle, path: string, body?: unknown, method = "POST") {
  return contractFetch(`${sim.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
