"use client";

import { signIn } from "next-auth/react";
import { useId, useRef, useState, type FormEvent } from "react";
import { LogIn, ShieldCheck, Sparkles } from "lucide-react";
import { describeSignInError } from "@/lib/auth/sign-in-errors";
import { cardClass, inputClass, primaryButton, secondaryButton } from "./styles";

export type SignInMethods = {
  /** The OpenID Connect provider, when AUTH_OIDC_ISSUER is set. */
  oidc: { name: string } | null;
  /** Local admin email + password, when ATLAS_ADMIN_EMAIL is set. */
  local: boolean;
  /** Demo buttons, only in demo mode (the server refuses demo sign-in otherwise). */
  demo: boolean;
};

type Pending = "oidc" | "local" | "demo-admin" | "demo-viewer" | null;

export function SignInForm({
  methods,
  callbackUrl,
  initialError,
}: {
  methods: SignInMethods;
  callbackUrl: string;
  initialError: string | null;
}) {
  const idpName = methods.oidc?.name;
  const [error, setError] = useState(() => describeSignInError(initialError, { idpName }));
  const [pending, setPending] = useState<Pending>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { email: useId(), password: useId(), error: useId() };
  const none = !methods.oidc && !methods.local && !methods.demo;

  // Credentials sign-in stays on this page on failure (redirect: false) so the message can say why.
  async function credentialsSignIn(
    provider: "local" | "demo",
    fields: Record<string, string>,
    which: Pending,
  ) {
    setPending(which);
    setError(null);
    const result = await signIn(provider, { ...fields, redirect: false, callbackUrl });
    if (result?.ok && !result.error) {
      window.location.assign(result.url ?? callbackUrl);
      return;
    }
    setPending(null);
    setError(describeSignInError(result?.error ?? "Default", { idpName }));
    if (provider === "local" && passwordRef.current) {
      passwordRef.current.value = "";
      passwordRef.current.focus();
    }
  }

  function onLocalSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void credentialsSignIn(
      "local",
      { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") },
      "local",
    );
  }

  return (
    <div className={cardClass}>
      <div className="mb-6 space-y-1 text-center">
        <ShieldCheck aria-hidden className="mx-auto mb-2 size-8 text-sky-700 dark:text-sky-400" />
        <h1 className="text-xl font-semibold">Sign in to Tenant Atlas</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every tenant of your Qlik Cloud organization, in one place.
        </p>
      </div>

      <div aria-live="assertive" id={ids.error}>
        {error ? (
          <p
            role="alert"
            suppressHydrationWarning
            className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200"
          >
            {error}
          </p>
        ) : null}
      </div>

      <div className="space-y-6">
        {methods.oidc ? (
          <button
            type="button"
            className={primaryButton}
            disabled={pending !== null}
            onClick={() => {
              setPending("oidc");
              setError(null);
              void signIn("oidc", { callbackUrl });
            }}
          >
            <LogIn aria-hidden className="size-4" />
            {pending === "oidc" ? "Redirecting…" : `Continue with ${methods.oidc.name}`}
          </button>
        ) : null}

        {methods.oidc && methods.local ? <Divider label="or use the local admin account" /> : null}

        {methods.local ? (
          <form
            className="space-y-4"
            onSubmit={onLocalSubmit}
            aria-describedby={error ? ids.error : undefined}
          >
            <div className="space-y-1">
              <label htmlFor={ids.email} className="block text-sm font-medium">
                Email
              </label>
              <input
                id={ids.email}
                name="email"
                type="email"
                autoComplete="username"
                required
                className={inputClass}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor={ids.password} className="block text-sm font-medium">
                Password
              </label>
              <input
                id={ids.password}
                ref={passwordRef}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                className={inputClass}
              />
            </div>
            <button
              type="submit"
              className={methods.oidc ? secondaryButton : primaryButton}
              disabled={pending !== null}
            >
              {pending === "local" ? "Signing in…" : "Sign in"}
            </button>
          </form>
        ) : null}

        {methods.demo ? (
          <section aria-labelledby="demo-heading" className="space-y-3">
            {methods.oidc || methods.local ? <Divider label="or explore the demo" /> : null}
            <h2 id="demo-heading" className="flex items-center gap-2 text-sm font-medium">
              <Sparkles aria-hidden className="size-4 text-amber-500" />
              Demo mode: sample data from the built-in simulator
            </h2>
            <div className="grid gap-2 sm:grid-cols-2">
              <button
                type="button"
                className={secondaryButton}
                disabled={pending !== null}
                onClick={() => void credentialsSignIn("demo", { role: "admin" }, "demo-admin")}
              >
                Continue as demo admin
              </button>
              <button
                type="button"
                className={secondaryButton}
                disabled={pending !== null}
                onClick={() => void credentialsSignIn("demo", { role: "viewer" }, "demo-viewer")}
              >
                Continue as demo viewer
              </button>
            </div>
          </section>
        ) : null}

        {none ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No sign-in method is configured. Set AUTH_OIDC_ISSUER or ATLAS_ADMIN_EMAIL (see
            docs/auth.md).
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Divider({ label }: { label: string }) {
  return (
    <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      {label}
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
    </div>
  );
}
