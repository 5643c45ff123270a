import { NotFoundPage } from "@/components/layout/not-found-page";

export default function TenantNotFound() {
  return (
    <NotFoundPage title="No such tenant">
      <p>
        The organization has no tenant with this ID in the latest data. It may have been deleted, or
        the link may be mistyped.
      </p>
    </NotFoundPage>
  );
}
