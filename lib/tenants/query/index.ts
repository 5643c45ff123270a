// The tenants query engine: createTenantIndex(tenants) once per snapshot, then index.query(view, page).
export {
  createTenantIndex,
  createTenantIndexAsync,
  DEFAULT_QUERY_CACHE_SIZE,
  type QueryPage,
  type TenantIndex,
  type TenantIndexOptions,
  type TenantIndexStats,
  type TenantQueryResult,
  type TenantSelection,
} from "./tenant-index";
export { NO_SUBSCRIPTION_LABEL } from "./columns";
export { NO_OWNER_LABEL, NO_TAGS_LABEL } from "./annotation-layer";
export {
  annotatedRow,
  isAnnotated,
  NO_ANNOTATION,
  NO_ANNOTATIONS,
  overlaySource,
  type AnnotationSource,
  type OverlayLike,
} from "./annotations";
export { RESPONSE_CACHE_SIZE, tenantRows, tenantsResponseBody } from "./response";
export { foldText, searchTokens } from "./normalize";
