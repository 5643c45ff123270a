// Read-only share links: what pages and route handlers use. Types for client components are in
// ./types.ts (import type); the rest is server-only.
import "server-only";

export { openShareForPage, type OpenedShare } from "./page";
export {
  createShareLink,
  listShareLinks,
  revokeShareLink,
  updateShareLink,
  type Actor,
  type NewShare,
  type ShareChanges,
} from "./manage";
export { publicShare, shareTenant, shareTenantsBody } from "./read";
export { shareExport } from "./export";
export { shareData, type ShareData } from "./sub-index";
export { SHARE_RESPONSE_HEADERS, withShareHeaders } from "./headers";
export type * from "./types";
