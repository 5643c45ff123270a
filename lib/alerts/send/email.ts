import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { maskInLogs } from "@/lib/log";
import { globalSingleton } from "@/lib/runtime/global-singleton";
import type { EmailContent } from "../render";
import { clip, type SendResult } from "./result";

// Email over SMTP with nodemailer: SMTP_URL (smtp://user:pass@host:587, STARTTLS when the server
// offers it; smtps://…:465 for TLS from the start) and ALERTS_FROM as the sender. One transport per
// URL per process (pooled connections). The password never reaches a log line or an error sentence.

export const EMAIL_NOT_CONFIGURED =
  "Email is not configured on the server: set SMTP_URL and ALERTS_FROM (docs/alerts.md) and restart.";
const TIMEOUT_MS = 10_000;

export interface EmailSettings {
  SMTP_URL?: string;
  ALERTS_FROM?: string;
}

const transports = () => globalSingleton("alerts:smtp", () => new Map<string, Transporter>());

function secretOf(smtpUrl: string): string | null {
  try {
    const password = decodeURIComponent(new URL(smtpUrl).password);
    return password || null;
  } catch {
    return null;
  }
}

function transportFor(smtpUrl: string): Transporter {
  let transport = transports().get(smtpUrl);
  if (!transport) {
    maskInLogs(secretOf(smtpUrl));
    transport = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
    transports().set(smtpUrl, transport);
  }
  return transport;
}

/** Tests: forget the cached transports (closing them). */
export function closeEmailTransports(): void {
  for (const t of transports().values()) t.close();
  transports().clear();
}

export async function sendEmail(
  settings: EmailSettings,
  to: readonly string[],
  content: EmailContent,
): Promise<SendResult> {
  if (!settings.SMTP_URL || !settings.ALERTS_FROM)
    return { ok: false, error: EMAIL_NOT_CONFIGURED };
  let host = "the SMTP server";
  try {
    host = new URL(settings.SMTP_URL).host;
  } catch {
    return { ok: false, error: "SMTP_URL is not a valid URL" };
  }
  try {
    const info = await transportFor(settings.SMTP_URL).sendMail({
      from: settings.ALERTS_FROM,
      to: [...to],
      subject: content.subject,
      text: content.text,
      html: content.html,
      headers: { "X-Atlas-Alert": "1" },
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0 && rejected.length === to.length)
      return {
        ok: false,
        error: `${host} refused every recipient: ${clip(rejected.join(", "), 200)}`,
      };
    return { ok: true };
  } catch (error) {
    const password = secretOf(settings.SMTP_URL);
    let message = error instanceof Error ? error.message : String(error);
    if (password) message = message.split(password).join("[redacted]");
    return { ok: false, error: `${host}: ${clip(message, 240)}` };
  }
}
