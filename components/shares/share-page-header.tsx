import { Eye } from "lucide-react";

/**
 * The bar above a shared view: the product's name and that the view is read-only. Deliberately no
 * links: a visitor of a link has no business in the rest of the app.
 */
export function SharePageHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-3 px-4">
        <span className="font-semibold tracking-tight">Tenant Atlas</span>
        <span className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
          <Eye aria-hidden className="size-3.5" />
          Read-only shared view
        </span>
      </div>
    </header>
  );
}
