// Every setting Tenant Atlas reads, validated with zod. Parsed once at start-up (scripts/start.ts
// and instrumentation.ts) so a wrong value stops the process before the first request.
// The Qlik client secrets are only checked for presence here: their values are read by
// lib/qlik/credentials.ts and nowhere else.
import { z } from "zod";
import { isSafeTransportUrl } from "./loopback";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const csv = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/[,\s]+/)
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
);
/** Who may sign in: `person@example.com` or `@example.com` (everyone at that domain), comma-separated. */
const accessList = csv.superRefine((entries, ctx) => {
  for (const entry of entries)
    if (!/^[^@\s]*@[^@\s]+\.[^@\s]+$/.test(entry))
      ctx.addIssue({
        code: "custom",
        message: `has "${entry}", which is neither an email (ada@example.com) nor a domain (@example.com)`,
      });
});
const bool = z.preprocess(
  emptyToUndefined,
  z
    .enum(["1", "0", "true", "false", "yes", "no"], { message: "use true or false" })
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "yes"),
);
const positiveInt = (def: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(max, `must be at most ${max}`)
      .default(def),
  );

/** The longest a session may last: a stolen cookie is worth at most a day. */
export const SESSION_MAX_AGE_HOURS_LIMIT = 24;

export const envSchema = z
  .object({
    QLIK_BASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ message: "must be an absolute URL such as https://console.qlikcloud.com" })
        .refine(
          (u) => isSafeTransportUrl(u),
          "must start with https:// (http:// only on this machine: localhost, 127.0.0.1 or [::1], e.g. the built-in simulator), since the client secret is sent to it",
        )
        .default("https://console.qlikcloud.com")
        .transform((u) => u.replace(/\/+$/, "")),
    ),
    QLIK_CLIENT_ID: optionalString,
    QLIK_CLIENT_SECRET: optionalString,
    /** The OAuth client's second secret while rotating: tried when Qlik refuses QLIK_CLIENT_SECRET. */
    QLIK_CLIENT_SECRET_NEXT: optionalString,
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default("file:./data/atlas.db")
        .refine(
          (v) => /^file:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v),
          "must be file:<path> for SQLite or postgres://user@host:5432/db for PostgreSQL",
        ),
    ),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3000),
    ),
    ATLAS_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    /** Set by `npm start` when it runs the built-in simulator; refused with a non-local QLIK_BASE_URL. */
    ATLAS_DEMO: bool,
    NEXTAUTH_URL: z.preprocess(
      emptyToUndefined,
      z.url({ message: "must be the app's public URL, e.g. https://atlas.example.com" }).optional(),
    ),
    NEXTAUTH_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    ),
    SESSION_MAX_AGE_HOURS: positiveInt(8, SESSION_MAX_AGE_HOURS_LIMIT),
    AUTH_OIDC_ISSUER: z.preprocess(
      emptyToUndefined,
      z
        .url({
          message: "must be the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0",
        })
        .optional(),
    ),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: z.preprocess(emptyToUndefined, z.string().default("Single sign-on")),
    /** Treat the IdP's email as verified when its ID token has no `email_verified` claim (Entra ID). */
    AUTH_OIDC_TRUST_EMAIL: bool,
    ATLAS_ADMIN_EMAIL: z.preprocess(
      emptyToUndefined,
      z.email({ message: "must be an email address" }).optional(),
    ),
    ATLAS_ADMIN_PASSWORD_HASH: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^(\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}|scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+)$/,
          "must be a bcrypt or scrypt hash printed by `npm run hash-password` (quote it: it contains $)",
        )
        .optional(),
    ),
    ATLAS_ADMINS: accessList,
    ATLAS_VIEWERS: accessList,
    ATLAS_ACCESS_CONTACT: optionalString,
    /** Reverse proxies in front of the app whose X-Forwarded-For entry is believed; 0: none. */
    TRUSTED_PROXY_HOPS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: "must be a whole number (0 without a reverse proxy)" })
        .int("must be a whole number (0 without a reverse proxy)")
        .min(0, "must be 0 or more")
        .max(10, "must be at most 10")
        .default(0),
    ),
    SYNC_INTERVAL_MINUTES: positiveInt(10, 24 * 60),
    /** Also write the JSON log lines to this file (stdout always gets them). */
    LOG_FILE: optionalString,
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
    /** Bearer token a Prometheus scraper sends to GET /api/metrics; unset, that route is a 404. */
    METRICS_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .min(16, "must be at least 16 characters (openssl rand -hex 32)")
        .regex(/^\S+$/, "must not contain spaces (openssl rand -hex 32)")
        .optional(),
    ),
    /**
     * Where alert emails go out: smtp://user:pass@host:587 (STARTTLS when offered) or
     * smtps://user:pass@host:465. Unset: email channels fail with "email is not configured".
     */
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => {
          try {
            const url = new URL(v);
            return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
          } catch {
            return false;
          }
        }, "must be smtp://user:password@host:587 or smtps://user:password@host:465 (percent-encode special characters in the password)")
        .optional(),
    ),
    /** The sender of alert emails: `alerts@example.com` or `Tenant Atlas <alerts@example.com>`. */
    ALERTS_FROM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(
          /^(?:[^<>\r\n"]{1,100}\s<[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+)$/,
          "must be an email address, e.g. alerts@example.com or Tenant Atlas <alerts@example.com>",
        )
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_URL && !env.ALERTS_FROM)
      ctx.addIssue({
        code: "custom",
        path: ["ALERTS_FROM"],
        message:
          "is not set: SMTP_URL needs a sender address for alert emails, e.g. ALERTS_FROM=alerts@example.com",
      });
    if (!env.QLIK_CLIENT_ID && !env.ATLAS_DEMO)
      ctx.addIssue({
        code: "custom",
        path: ["QLIK_CLIENT_ID"],
        message:
          "is not set: set QLIK_CLIENT_ID and QLIK_CLIENT_SECRET to your organization OAuth client, or run `npm start` without them for the demo",
      });
    if (env.QLIK_CLIENT_ID && !env.QLIK_CLIENT_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["QLIK_CLIENT_SECRET"],
        message:
          "is not set: set it to the secret shown when the organization OAuth client was created",
      });
    if (env.QLIK_CLIENT_SECRET_NEXT && !env.QLIK_CLIENT_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["QLIK_CLIENT_SECRET_NEXT"],
        message:
          "is set without QLIK_CLIENT_SECRET: it is only the second secret during a rotation; set QLIK_CLIENT_SECRET (and QLIK_CLIENT_ID) too",
      });
    if (env.AUTH_OIDC_ISSUER && (!env.AUTH_OIDC_CLIENT_ID || !env.AUTH_OIDC_CLIENT_SECRET))
      ctx.addIssue({
        code: "custom",
        path: [env.AUTH_OIDC_CLIENT_ID ? "AUTH_OIDC_CLIENT_SECRET" : "AUTH_OIDC_CLIENT_ID"],
        message:
          "is not set: AUTH_OIDC_ISSUER needs AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET",
      });
    if (Boolean(env.ATLAS_ADMIN_EMAIL) !== Boolean(env.ATLAS_ADMIN_PASSWORD_HASH))
      ctx.addIssue({
        code: "custom",
        path: [env.ATLAS_ADMIN_EMAIL ? "ATLAS_ADMIN_PASSWORD_HASH" : "ATLAS_ADMIN_EMAIL"],
        message:
          "is not set: local admin sign-in needs both ATLAS_ADMIN_EMAIL and ATLAS_ADMIN_PASSWORD_HASH",
      });
    if (env.ATLAS_DEMO) {
      if (!isLocalUrl(env.QLIK_BASE_URL))
        ctx.addIssue({
          code: "custom",
          path: ["ATLAS_DEMO"],
          message:
            "is only allowed with the built-in simulator; unset it when QLIK_BASE_URL points at Qlik Cloud",
        });
    } else {
      if (!env.NEXTAUTH_SECRET)
        ctx.addIssue({
          code: "custom",
          path: ["NEXTAUTH_SECRET"],
          message:
            "is not set: generate one with `openssl rand -base64 32` (demo mode makes its own)",
        });
      if (!env.AUTH_OIDC_ISSUER && !env.ATLAS_ADMIN_EMAIL)
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_OIDC_ISSUER"],
          message:
            "no sign-in method: set AUTH_OIDC_ISSUER/AUTH_OIDC_CLIENT_ID/AUTH_OIDC_CLIENT_SECRET or ATLAS_ADMIN_EMAIL/ATLAS_ADMIN_PASSWORD_HASH",
        });
    }
  });

function isLocalUrl(url: string): boolean {
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false; // reported by the QLIK_BASE_URL rule itself
  }
}

type ParsedEnv = z.infer<typeof envSchema>;
/** The validated settings, without the Qlik client secrets (see lib/qlik/credentials.ts). */
export type Env = Omit<ParsedEnv, "QLIK_CLIENT_SECRET" | "QLIK_CLIENT_SECRET_NEXT">;

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** Validates `source`; throws EnvError whose message is one line per bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      return `${name} ${issue.message}`;
    });
    throw new EnvError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const { QLIK_CLIENT_SECRET: _secret, QLIK_CLIENT_SECRET_NEXT: _next, ...env } = result.data;
  return env;
}
