// From an explorer view to a new alert rule, and the rule form's body: a quick view's time window
// becomes the trigger (it moves with time), the rest of the view is the scope; the form is checked
// with the API's own schema and its problems are named by field.
import { describe, expect, it } from "vitest";
import { alertsHrefForView, draftFromView, parseScope } from "@/components/alerts/scope-from-view";
import {
  draftErrors,
  draftForNewRule,
  draftFromRule,
  newEmail,
  ruleBody,
} from "@/components/alerts/rule-draft";
import { applyQuickView, QUICK_VIEWS } from "@/components/tenants/quick-view-params";
import type { AlertRuleJson } from "@/lib/alerts/types";
import { DEFAULT_VIEW } from "@/lib/tenants/view-params";

const NOW = Date.parse("2026-12-05T14:30:00.000Z");
const quick = (id: string) => QUICK_VIEWS.find((q) => q.id === id)!;

describe("a rule from the explorer's view", () => {
  it("turns 'license ends within 30 days' into the trigger and keeps the other filters", () => {
    const view = applyQuickView(
      quick("license-30"),
      { ...DEFAULT_VIEW, region: ["eu-west-1"] },
      NOW,
    );
    expect(draftFromView(view, NOW)).toEqual({
      scope: "region=eu-west-1",
      trigger: { kind: "licenseEndsWithin", days: 30 },
    });
    expect(alertsHrefForView(view, NOW)).toBe("/alerts?new=1&scope=region%3Deu-west-1&days=30");
  });

  it("turns 'deletion scheduled' into the trigger; a fixed license range stays in the scope", () => {
    const view = {
      ...applyQuickView(quick("deletion"), DEFAULT_VIEW, NOW),
      licenseEndsFrom: "2027-01-01T00:00:00.000Z",
      licenseEndsTo: "2027-01-31T23:59:59.999Z",
    };
    expect(draftFromView(view, NOW)).toEqual({
      scope: "licenseEndsFrom=2027-01-01&licenseEndsTo=2027-01-31",
      trigger: { kind: "deletionScheduled" },
    });
  });

  it("leaves sort and grouping out of the scope", () => {
    const view = { ...DEFAULT_VIEW, status: ["active"], group: "region" as const };
    expect(draftFromView(view, NOW)).toEqual({ scope: "status=active", trigger: null });
  });

  it("reads a typed scope, or says what is wrong with it", () => {
    expect("view" in parseScope("?region=eu-west-1")).toBe(true);
    const bad = parseScope("region=mars-1");
    expect("error" in bad && bad.error).toMatch(/region/);
  });
});

describe("the rule form", () => {
  it("makes the API's body, and the schema accepts a complete draft", () => {
    const draft = {
      ...draftForNewRule("region=eu-west-1", { kind: "licenseEndsWithin", days: 30 }),
      name: "EU licenses",
    };
    draft.channels = [
      { ...draft.channels[0]!, url: "http://localhost:9999/hook", format: "slack" } as never,
      { ...newEmail(), to: "ops@example.com; Billing@Example.com" } as never,
    ];
    expect(draftErrors(draft)).toEqual({});
    expect(ruleBody(draft)).toEqual({
      name: "EU licenses",
      scope: "region=eu-west-1",
      trigger: { kind: "licenseEndsWithin", days: 30 },
      channels: [
        { type: "webhook", url: "http://localhost:9999/hook", format: "slack" },
        { type: "email", to: ["ops@example.com", "Billing@Example.com"] },
      ],
      digest: false,
      enabled: true,
    });
  });

  it("names each problem by its field", () => {
    const draft = { ...draftForNewRule("region=mars-1", null), days: "" };
    draft.channels = [{ ...draft.channels[0]!, secret: "short" } as never, newEmail()];
    const errors = draftErrors(draft);
    expect(Object.keys(errors).sort()).toEqual([
      "channels.0.secret",
      "channels.0.url",
      "channels.1.to",
      "name",
      "scope",
      "trigger.days",
    ]);
    expect(errors["trigger.days"]).toBe("must be a whole number of days");
  });

  it("edits a rule: channels keep their ids (so the server keeps their secrets)", () => {
    const rule: AlertRuleJson = {
      id: "alr_abcdefghijklmnop",
      name: "Status",
      scope: "",
      scopeFilters: {},
      scopeSummary: "Everything",
      trigger: { kind: "statusChanged", to: ["disabled"] },
      channels: [
        {
          id: "ch_abcdefgh",
          type: "webhook",
          url: "https://hooks.example.com/x",
          format: "teams",
          hasSecret: true,
          label: "Webhook hooks.example.com (teams)",
        },
      ],
      digest: true,
      enabled: false,
      createdBy: "a@example.com",
      createdAt: "2026-12-01T00:00:00.000Z",
      updatedAt: "2026-12-01T00:00:00.000Z",
    };
    const body = ruleBody(draftFromRule(rule));
    expect(body.trigger).toEqual({ kind: "statusChanged", to: ["disabled"] });
    expect(body.channels).toEqual([
      { type: "webhook", id: "ch_abcdefgh", url: "https://hooks.example.com/x", format: "teams" },
    ]);
    expect(body).toMatchObject({ digest: true, enabled: false });
  });
});
