import type { Metadata } from "next";
import { NotFoundPage } from "@/components/layout/not-found-page";

export const metadata: Metadata = { title: "Page not found" };

// Any address the app does not have, and any notFound() without a not-found page of its own.
export default function NotFound() {
  return (
    <NotFoundPage title="Page not found">
      <p>There is nothing at this address. The link may be mistyped or out of date.</p>
    </NotFoundPage>
  );
}
