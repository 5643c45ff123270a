import "server-only";
import { randomBytes } from "node:crypto";

// Ids and secrets of alert rules: random, URL-safe.

/** `alr_` + 16 URL-safe characters (ALERT_RULE_ID). */
export const newAlertRuleId = () => `alr_${randomBytes(12).toString("base64url")}`;

/** `ch_` + 8 URL-safe characters (ALERT_CHANNEL_ID), unique within a rule. */
export const newChannelId = () => `ch_${randomBytes(6).toString("base64url")}`;

/** A webhook signing secret the server makes when none is given: 256 bits, `whsec_` + base64url. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;
