import Link from "next/link";

export default function TenantNotFound() {
  return (
    <main className="mx-auto flex max-w-lg flex-col items-center gap-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">No such tenant</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The organization has no tenant with this ID in the latest data. It may have been deleted, or
        the link may be mistyped.
      </p>
      <Link href="/" className="text-sm font-medium text-sky-800 underline dark:text-sky-300">
        Back to all tenants
      </Link>
    </main>
  );
}
