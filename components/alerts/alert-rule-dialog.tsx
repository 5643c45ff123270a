"use client";

// Create or edit a rule. The form is checked with the API's own schema before it is sent, so a
// mistake is named next to its field; what only the server can judge comes back as a 400 and is
// shown the same way. A secret the server generated is shown once, after saving.
import { useId, useState } from "react";
import { toast } from "sonner";
import type { AlertRuleJson, GeneratedSecret } from "@/lib/alerts/types";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { AlertChannelsField } from "./alert-channels-field";
import { AlertScopeField } from "./alert-scope-field";
import { AlertTriggerField } from "./alert-trigger-field";
import { describeField, draftErrors, ruleBody, type RuleDraft } from "./rule-draft";
import { useCreateRule, useUpdateRule } from "./use-alert-actions";

const WIDE = "w-[min(44rem,calc(100vw-2rem))]";

export function AlertRuleDialog({
  open,
  onOpenChange,
  rule,
  initial,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Editing this rule; absent: a new one. */
  rule?: AlertRuleJson;
  /** The form's starting state (a new rule's, or `draftFromRule(rule)`). */
  initial: () => RuleDraft;
}) {
  const [secrets, setSecrets] = useState<{ rule: AlertRuleJson; list: GeneratedSecret[] } | null>(
    null,
  );
  const close = (next: boolean) => {
    if (!next) setSecrets(null);
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        title={
          secrets ? "Copy the signing secret" : rule ? `Edit “${rule.name}”` : "New alert rule"
        }
        description={
          secrets
            ? "Receivers check X-Atlas-Signature with it. It is shown this once: copy it now."
            : "A rule watches the tenants in its scope and tells its channels when the trigger happens."
        }
        className={WIDE}
      >
        {secrets ? (
          <SecretsShown rule={secrets.rule} list={secrets.list} onDone={() => close(false)} />
        ) : open ? (
          <RuleForm
            rule={rule}
            initial={initial}
            onSaved={(saved, generated) => {
              if (generated?.length) setSecrets({ rule: saved, list: generated });
              else close(false);
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function SecretsShown({
  rule,
  list,
  onDone,
}: {
  rule: AlertRuleJson;
  list: GeneratedSecret[];
  onDone: () => void;
}) {
  return (
    <div className="grid gap-3" data-testid="rule-secrets">
      {list.map((s) => {
        const channel = rule.channels.find((c) => c.id === s.channelId);
        return (
          <div key={s.channelId} className="grid gap-1">
            <p className="text-sm font-medium">{channel?.label ?? `Channel ${s.channel + 1}`}</p>
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 rounded-md bg-zinc-100 px-2 py-1.5 text-xs break-all dark:bg-zinc-800">
                {s.secret}
              </code>
              <CopyButton value={s.secret} label="Copy the signing secret" />
            </div>
          </div>
        );
      })}
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

function RuleForm({
  rule,
  initial,
  onSaved,
}: {
  rule?: AlertRuleJson;
  initial: () => RuleDraft;
  onSaved: (rule: AlertRuleJson, secrets: GeneratedSecret[] | undefined) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const create = useCreateRule();
  const update = useUpdateRule(rule?.id ?? "");
  const save = rule ? update : create;
  const errors = checked ? draftErrors(draft) : {};
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setChecked(true);
    const problems = draftErrors(draft);
    if (Object.keys(problems).length > 0) {
      // Focus the first field the browser marks invalid after the re-render.
      const form = e.currentTarget;
      requestAnimationFrame(() =>
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    if (save.isPending) return;
    save.mutate(ruleBody(draft), {
      onSuccess: (answer) => {
        toast.success(rule ? `Saved “${answer.rule.name}”` : `Created “${answer.rule.name}”`);
        onSaved(answer.rule, answer.secrets);
      },
    });
  }

  const problems = Object.entries(errors);
  return (
    <form onSubmit={submit} className="grid gap-4" noValidate data-testid="rule-form">
      <div className="grid gap-1.5">
        <label htmlFor={`${id}-name`} className="text-sm font-medium">
          Name
        </label>
        <Input
          id={`${id}-name`}
          value={draft.name}
          maxLength={100}
          placeholder="e.g. EU licenses ending soon"
          onChange={(e) => set({ name: e.target.value })}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
          data-testid="rule-name"
        />
        {errors.name ? (
          <p id={`${id}-name-error`} className="text-xs text-red-700 dark:text-red-400">
            Name {errors.name}.
          </p>
        ) : null}
      </div>
      <AlertScopeField
        value={draft.scope}
        onChange={(scope) => set({ scope })}
        error={errors.scope}
      />
      <AlertTriggerField draft={draft} onChange={set} daysError={errors["trigger.days"]} />
      <AlertChannelsField
        channels={draft.channels}
        onChange={(channels) => set({ channels })}
        errors={errors}
      />
      <div className="grid gap-2">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={draft.digest}
            onChange={(e) => set({ digest: e.target.checked })}
            data-testid="rule-digest"
          />
          <span>
            <span className="font-medium">Digest</span>: one message per sync listing every match,
            instead of one per tenant and event
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
            data-testid="rule-enabled"
          />
          <span>
            <span className="font-medium">Enabled</span>: checked after every sync
          </span>
        </label>
      </div>
      {problems.length ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Check {problems.map(([field]) => describeField(field)).join(", ")}.
        </p>
      ) : null}
      <FormError error={save.error} action={rule ? "save the rule" : "create the rule"} />
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={save.isPending} data-testid="rule-save">
          {save.isPending ? "Saving…" : rule ? "Save rule" : "Create rule"}
        </Button>
      </div>
    </form>
  );
}
