// The ids the annotation API and the CSV import accept. Client-safe.
import { z } from "zod";

/** Qlik tenant ids are 32 characters of A–Z, a–z, 0–9, "-" and "_"; a little slack for the future. */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Subscription ids: digits today (16 of them), letters, "-" and "_" accepted too. */
export const SUBSCRIPTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const tenantIdSchema = z
  .string()
  .regex(TENANT_ID_PATTERN, 'is not a tenant id (1–64 letters, digits, "-" or "_")');

export const subscriptionIdSchema = z
  .string()
  .regex(SUBSCRIPTION_ID_PATTERN, 'is not a subscription id (1–64 letters, digits, "-" or "_")');
