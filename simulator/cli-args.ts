// Command-line flags and SIM_* environment variables of `npm run sim`, turned into
// SimulatorOptions. A flag wins over its variable. Bad values throw CliError naming the flag.
import { parseArgs } from "node:util";
import type { FaultConfig, SimulatorOptions } from "./types";

export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

type Kind =
  "port" | "count" | "int" | "positive" | "ms" | "seconds" | "share" | "string" | "bool" | "date";

interface Setting {
  flag: string;
  env: string;
  kind: Kind;
  help: string;
}

export const SETTINGS = {
  port: {
    flag: "port",
    env: "SIM_PORT",
    kind: "port",
    help: "port to listen on, 0 = any free port (4010)",
  },
  tenants: {
    flag: "tenants",
    env: "SIM_TENANTS",
    kind: "count",
    help: "tenants to generate (2500)",
  },
  subscriptions: {
    flag: "subscriptions",
    env: "SIM_SUBSCRIPTIONS",
    kind: "count",
    help: "subscriptions to generate (12)",
  },
  seed: {
    flag: "seed",
    env: "SIM_SEED",
    kind: "int",
    help: "seed of the generated data and of fault decisions (1)",
  },
  referenceDate: {
    flag: "reference-date",
    env: "SIM_REFERENCE_DATE",
    kind: "date",
    help: "the generated data's 'now' (2026-11-20T00:00:00.000Z)",
  },
  dataFile: {
    flag: "data-file",
    env: "SIM_DATA_FILE",
    kind: "string",
    help: "load tenants from a JSON file instead of generating them",
  },
  clientId: {
    flag: "client-id",
    env: "SIM_CLIENT_ID",
    kind: "string",
    help: "OAuth client id (demo-client)",
  },
  clientSecret: {
    flag: "client-secret",
    env: "SIM_CLIENT_SECRET",
    kind: "string",
    help: "OAuth client secret (demo-secret)",
  },
  extraClientSecret: {
    flag: "extra-client-secret",
    env: "SIM_EXTRA_CLIENT_SECRET",
    kind: "string",
    help: "a second secret the client accepts too (a rotation in progress)",
  },
  tokenTtlSeconds: {
    flag: "token-ttl",
    env: "SIM_TOKEN_TTL",
    kind: "count",
    help: "access token lifetime in seconds (21600)",
  },
  tier1PerMinute: {
    flag: "tier1",
    env: "SIM_TIER1_PER_MINUTE",
    kind: "positive",
    help: "Tier 1 requests per minute (1000)",
  },
  tier2PerMinute: {
    flag: "tier2",
    env: "SIM_TIER2_PER_MINUTE",
    kind: "positive",
    help: "Tier 2 requests per minute (100)",
  },
  rateWindowMinutes: {
    flag: "rate-window",
    env: "SIM_RATE_WINDOW_MINUTES",
    kind: "positive",
    help: "rate-limit window in minutes (5)",
  },
  admin: {
    flag: "admin",
    env: "SIM_ADMIN",
    kind: "bool",
    help: "enable the /__sim/* test endpoints",
  },
  log: { flag: "log", env: "SIM_LOG", kind: "bool", help: "print one line per request" },
  demoKey: {
    flag: "demo-key",
    env: "SIM_DEMO_KEY",
    kind: "string",
    help: "answer the app's demo challenge with this key (the app's ATLAS_DEMO_KEY)",
  },
  driftEverySeconds: {
    flag: "drift-every",
    env: "SIM_DRIFT_EVERY_SECONDS",
    kind: "seconds",
    help: "demo drift: change a few tenants every N seconds, 0 = off (0)",
  },
  latencyMs: {
    flag: "latency",
    env: "SIM_LATENCY_MS",
    kind: "ms",
    help: "fault: added latency in ms (0)",
  },
  latencyJitterMs: {
    flag: "latency-jitter",
    env: "SIM_LATENCY_JITTER_MS",
    kind: "ms",
    help: "fault: extra random latency up to this many ms (0)",
  },
  errorRate: {
    flag: "error-rate",
    env: "SIM_ERROR_RATE",
    kind: "share",
    help: "fault: share 0..1 of API requests answered 500/503 (0)",
  },
  dropConnectionRate: {
    flag: "drop-rate",
    env: "SIM_DROP_CONNECTION_RATE",
    kind: "share",
    help: "fault: share 0..1 of responses cut off mid-body (0)",
  },
  malformedJsonRate: {
    flag: "malformed-rate",
    env: "SIM_MALFORMED_JSON_RATE",
    kind: "share",
    help: "fault: share 0..1 of 200 responses with broken JSON (0)",
  },
} as const satisfies Record<string, Setting>;

type Key = keyof typeof SETTINGS;
const FAULT_KEYS = [
  "latencyMs",
  "latencyJitterMs",
  "errorRate",
  "dropConnectionRate",
  "malformedJsonRate",
] as const;

export function usage(): string {
  const lines = Object.values(SETTINGS as Record<string, Setting>).map((s) => {
    const flag = `--${s.flag}${s.kind === "bool" ? "" : " <value>"}`;
    return `  ${flag.padEnd(26)} ${s.env.padEnd(26)} ${s.help}`;
  });
  return [
    "Usage: npm run sim -- [flags]   (every flag also as an environment variable)",
    "",
    `  ${"flag".padEnd(26)} ${"environment".padEnd(26)} meaning (default)`,
    ...lines,
    `  ${"--help".padEnd(26)} ${"".padEnd(26)} show this help`,
    "",
    "Prints 'listening on http://localhost:<port>' when ready; stops on SIGINT/SIGTERM.",
  ].join("\n");
}

function convert(kind: Kind, raw: string, name: string): string | number | boolean {
  const fail = (expected: string): never => {
    throw new CliError(`${name} must be ${expected} (got ${JSON.stringify(raw)})`);
  };
  const trimmed = raw.trim();
  const num = Number(trimmed);
  const numeric = trimmed !== "" && Number.isFinite(num);
  switch (kind) {
    case "port":
      return numeric && Number.isInteger(num) && num >= 0 && num <= 65535
        ? num
        : fail("a port number from 0 to 65535");
    case "count":
      return numeric && Number.isInteger(num) && num >= 0 ? num : fail("a whole number");
    case "int":
      return numeric && Number.isSafeInteger(num) ? num : fail("a whole number");
    case "positive":
      return numeric && num > 0 ? num : fail("a positive number");
    case "ms":
      return numeric && num >= 0 && num <= 600_000
        ? num
        : fail("a number of milliseconds from 0 to 600000");
    case "seconds":
      return numeric && (num === 0 || (num >= 0.1 && num <= 86_400))
        ? num
        : fail("0 (off) or a number of seconds from 0.1 to 86400");
    case "share":
      return numeric && num >= 0 && num <= 1 ? num : fail("a number from 0 to 1");
    case "date":
      return /^\d{4}-\d{2}-\d{2}/.test(trimmed) && !Number.isNaN(Date.parse(trimmed))
        ? trimmed
        : fail("an ISO date-time");
    case "bool": {
      const v = trimmed.toLowerCase();
      if (["1", "true", "yes", "on"].includes(v)) return true;
      if (["0", "false", "no", "off", ""].includes(v)) return false;
      return fail("true or false");
    }
    case "string":
      return trimmed !== "" ? raw : fail("a non-empty value");
  }
}

export interface CliConfig {
  help: boolean;
  options: SimulatorOptions;
}

export function parseCli(argv: string[], env: Record<string, string | undefined>): CliConfig {
  const entries = Object.entries(SETTINGS as Record<Key, Setting>) as [Key, Setting][];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(
          entries.map(([, s]) => [s.flag, { type: s.kind === "bool" ? "boolean" : "string" }]),
        ),
      },
    });
  } catch (err) {
    throw new CliError(
      `${(err as Error).message.split(/\.\s|\n/)[0]}. Run with --help for the flags.`,
    );
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const out: Record<string, unknown> = {};
  for (const [key, s] of entries) {
    const flagValue = values[s.flag];
    if (flagValue !== undefined) {
      out[key] =
        typeof flagValue === "boolean" ? flagValue : convert(s.kind, flagValue, `--${s.flag}`);
    } else if (env[s.env] !== undefined) {
      out[key] = convert(s.kind, env[s.env] as string, s.env);
    }
  }
  const faults: Partial<FaultConfig> = {};
  for (const k of FAULT_KEYS) {
    if (out[k] !== undefined) faults[k] = out[k] as number;
    delete out[k];
  }
  if (out.extraClientSecret !== undefined) out.extraClientSecrets = [out.extraClientSecret];
  delete out.extraClientSecret;
  const options = out as SimulatorOptions;
  if (Object.keys(faults).length > 0) options.faults = faults;
  return { help: values.help === true, options };
}
