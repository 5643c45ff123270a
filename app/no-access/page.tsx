import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldX } from "lucide-react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { cardClass } from "@/components/auth/styles";
import { getEnv } from "@/lib/config/env";
import { accessContact } from "@/lib/auth/roles";
import { getCurrentSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "No access" };
export const dynamic = "force-dynamic";

// /no-access – for people who signed in but are in neither ATLAS_ADMINS nor ATLAS_VIEWERS.
export default async function NoAccessPage() {
  const { identity, user } = await getCurrentSession();
  if (!identity) redirect("/signin");
  if (user) redirect("/");
  // ATLAS_ACCESS_CONTACT or a generic phrase: never the admins' own addresses, since anyone the
  // identity provider lets sign in lands here.
  const contact = accessContact(getEnv().ATLAS_ACCESS_CONTACT);
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 py-12 dark:bg-zinc-950">
      <div className={cardClass}>
        <ShieldX aria-hidden className="mb-3 size-8 text-red-600 dark:text-red-400" />
        <h1 className="mb-2 text-xl font-semibold">No access to Tenant Atlas</h1>
        <p className="mb-4 text-sm text-zinc-700 dark:text-zinc-300">
          You are signed in as <strong data-testid="no-access-email">{identity.email}</strong>, but
          this address is not on the list of people who may use Tenant Atlas.
        </p>
        <p
          className="mb-6 text-sm text-zinc-700 dark:text-zinc-300"
          data-testid="no-access-contact"
        >
          To get access, ask{" "}
          {/^[^\s@]+@[^\s@]+$/.test(contact) ? (
            <a
              className="font-medium text-sky-700 underline dark:text-sky-400"
              href={`mailto:${contact}`}
            >
              {contact}
            </a>
          ) : (
            <strong>{contact}</strong>
          )}
          .
        </p>
        <SignOutButton label="Sign in with another account" />
      </div>
    </main>
  );
}
