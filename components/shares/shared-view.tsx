"use client";

// /s/<token>: the explorer, read-only, reading through the link's own API (which applies its scope
// and columns), with only the link's columns and filters, and its export only when it allows one.
import { useMemo } from "react";
import type { PublicShare } from "@/lib/shares/types";
import { shareDataSource, shareExportPath } from "@/lib/api-client/shares";
import { fieldsForColumns } from "@/components/tenants/explorer-fields";
import { TenantExplorer } from "@/components/tenants/tenant-explorer";
import { ShareBanner } from "./share-banner";

export function SharedView({ token, share }: { token: string; share: PublicShare }) {
  const source = useMemo(() => shareDataSource(token, share.id), [token, share.id]);
  const fields = useMemo(() => fieldsForColumns(share.columns), [share.columns]);
  const scoped = Object.keys(share.scope).length > 0;
  return (
    <TenantExplorer
      dataSource={source}
      readOnly
      fields={fields}
      heading={share.name}
      scope={{ label: scoped ? `${share.name}: limited to ${share.scopeSummary}` : share.name }}
      exportPath={share.allowExport ? shareExportPath(token) : null}
      banner={(snapshot) => (
        <ShareBanner
          sharedBy={share.sharedBy}
          expiresAt={share.expiresAt}
          takenAt={snapshot?.takenAt ?? share.snapshot.takenAt}
        />
      )}
    />
  );
}
