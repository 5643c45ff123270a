// The simulator's switchable misbehaviour (POST/DELETE /__sim/faults), for tests that need Qlik
// Cloud slow or failing for a while. Every test that sets faults clears them (null) when done.
import { expect, type APIRequestContext } from "@playwright/test";
import { SIM_URL } from "./env";

/** Sets the simulator's faults (e.g. `{ latencyMs: 1500 }`), or clears them with null. */
export async function setSimulatorFaults(
  api: APIRequestContext,
  faults: Record<string, unknown> | null,
): Promise<void> {
  const res = faults
    ? await api.post(`${SIM_URL}/__sim/faults`, { data: faults })
    : await api.delete(`${SIM_URL}/__sim/faults`);
  expect(res.ok(), `simulator faults: ${res.status()}`).toBe(true);
}
