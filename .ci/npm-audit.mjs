#!/usr/bin/env node
// CI's audit of what a production install contains: `npm audit --omit=dev --audit-level=high`.
// A high or critical advisory fails the run. Not every network reaches the registry's audit
// service (a mirror may answer 405, a sandbox may have no route at all); then the audit cannot
// say anything, and this prints that it was skipped and the registry's own reason instead of
// failing CI for a reason no commit can fix. Plain Node, no dependencies.
import { spawnSync } from "node:child_process";
import process from "node:process";
import { pathToFileURL } from "node:url";

export const AUDIT_ARGS = ["audit", "--omit=dev", "--audit-level=high", "--json"];
const BLOCKING = ["high", "critical"];

/**
 * @typedef {{ status: number | null, stdout: string, stderr: string, error?: Error }} AuditRun
 * @typedef {{ outcome: "passed" | "failed" | "skipped", message: string }} AuditVerdict
 */

/**
 * What one `npm audit --json` run means for CI.
 * @param {AuditRun} run
 * @returns {AuditVerdict}
 */
export function judgeAudit(run) {
  /** @type {any} */
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = undefined;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (counts && typeof counts === "object" && !report.error) {
    const blocking = Object.entries(report.vulnerabilities ?? {})
      .filter(([, v]) => BLOCKING.includes(/** @type {any} */ (v)?.severity))
      .map(([name, v]) => `${name} (${/** @type {any} */ (v).severity})`);
    const total = BLOCKING.reduce((sum, level) => sum + (Number(counts[level]) || 0), 0);
    if (total > 0 || blocking.length > 0)
      return {
        outcome: "failed",
        message: `npm audit: ${Math.max(total, blocking.length)} high or critical advisories in production dependencies: ${blocking.join(", ") || "see npm audit --omit=dev"}`,
      };
    const lower = ["low", "moderate"]
      .map((level) => `${Number(counts[level]) || 0} ${level}`)
      .join(", ");
    return {
      outcome: "passed",
      message: `npm audit: no high or critical advisories in production dependencies (${lower})`,
    };
  }
  return {
    outcome: "skipped",
    message: `npm audit skipped: no report from the registry's audit service (${reasonOf(run, report)})`,
  };
}

/** The registry's (or npm's) own words for why there is no report, on one line. */
function reasonOf(/** @type {AuditRun} */ run, /** @type {any} */ report) {
  const candidates = [
    report?.message,
    report?.error?.summary,
    report?.error?.code,
    run.error?.message,
    ...run.stderr.split("\n").map((line) => line.replace(/^npm (error|warn|ERR!)\s*/, "")),
  ];
  const reason = candidates.find((c) => typeof c === "string" && c.trim() !== "");
  const text = reason ? reason.trim() : `npm exited with code ${run.status ?? "none"}`;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function main() {
  const result = spawnSync("npm", AUDIT_ARGS, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  const verdict = judgeAudit({
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? "",
    error: result.error,
  });
  process.stdout.write(`ci: ${verdict.message}\n`);
  process.exitCode = verdict.outcome === "failed" ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
