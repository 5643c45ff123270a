"use client";

import { signOut } from "./sign-out";
import { LogOut } from "lucide-react";
import { useState } from "react";
import { secondaryButton } from "./styles";

/** Ends the Tenant Atlas session (not the identity provider's) and returns to /signin. */
export function SignOutButton({ label = "Sign out" }: { label?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={secondaryButton}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin" });
      }}
    >
      <LogOut aria-hidden className="size-4" />
      {pending ? "Signing out…" : label}
    </button>
  );
}
