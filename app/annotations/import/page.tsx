import type { Metadata } from "next";
import { AdminsOnly } from "@/components/auth/admins-only";
import { ImportView } from "@/components/annotations/import-view";
import { AppHeader } from "@/components/layout/app-header";
import { MainNav } from "@/components/layout/main-nav";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import annotations" };

// /annotations/import – admins: owners, tags, notes and subscription names from a CSV file (an
// edited export, or a spreadsheet kept beside the console), previewed before anything is written.
export default async function ImportAnnotationsPage() {
  const user = await requireUser("/annotations/import");
  if (user.role !== "admin")
    return (
      <>
        <AppHeader>
          <MainNav current={null} />
        </AppHeader>
        <AdminsOnly title="Importing annotations is for admins">
          An import changes the owners, tags, notes and subscription names everyone sees, so only
          Tenant Atlas admins can run one. You can read all of them in the explorer.
        </AdminsOnly>
      </>
    );
  return (
    <>
      <AppHeader>
        <MainNav current="/annotations/import" />
      </AppHeader>
      <main className="mx-auto grid w-full max-w-screen-xl gap-4 px-4 py-6">
        <h1 className="text-xl font-semibold">Import annotations</h1>
        <div className="grid max-w-3xl gap-2 text-sm text-zinc-800 dark:text-zinc-200">
          <p>
            A CSV file with a tenant id column (<q>Tenant ID</q> or <q>id</q>) and any of{" "}
            <q>Owner</q>, <q>Tags</q>, <q>Note</q>, <q>Subscription name</q> and{" "}
            <q>Customer reference</q>: an export from the explorer with those columns works as it
            is. Other columns are left alone.
          </p>
          <ul className="list-disc pl-5">
            <li>
              A column the file does not have is not touched; an empty cell clears that field.
            </li>
            <li>
              Tags are separated by <q>;</q> or <q>,</q> and stored in lower case.
            </li>
            <li>
              A subscription name applies to the subscription of the row&apos;s tenant (or the
              row&apos;s <q>Subscription ID</q>, when the file has that column).
            </li>
            <li>
              You see what would change first; nothing is written until you apply, and applying
              writes everything at once. Importing the same file again changes nothing.
            </li>
          </ul>
        </div>
        <ImportView />
      </main>
    </>
  );
}
