import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm, type SignInMethods } from "@/components/auth/sign-in-form";
import { getEnv } from "@/lib/config/env";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { isDemoMode } from "@/lib/auth/demo";
import { getCurrentSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// /signin – the configured sign-in methods only; someone already signed in with a role goes on.
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const env = getEnv();
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl), env.NEXTAUTH_URL);
  const error = first(params.error) ?? null;
  const { user } = await getCurrentSession();
  if (user && !error) redirect(callbackUrl);

  const methods: SignInMethods = {
    oidc: env.AUTH_OIDC_ISSUER ? { name: env.AUTH_OIDC_NAME } : null,
    local: Boolean(env.ATLAS_ADMIN_EMAIL),
    demo: isDemoMode(env),
  };
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12 dark:bg-zinc-950">
      <SignInForm methods={methods} callbackUrl={callbackUrl} initialError={error} />
    </main>
  );
}
