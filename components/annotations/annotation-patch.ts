// The PATCH an annotation form sends: only the fields that differ from what is saved, blanks as
// null (the API clears them), so saving an unchanged form sends nothing and audits nothing.
import type { TenantAnnotation } from "@/lib/annotations/types";
import { normalizeTags } from "@/lib/annotations/value-checks";
import type { AnnotationPatch } from "@/lib/api-client/annotations";

export function annotationPatch(
  saved: TenantAnnotation,
  form: { owner: string; tags: readonly string[]; note: string },
): AnnotationPatch {
  const patch: AnnotationPatch = {};
  const owner = form.owner.trim() || null;
  if (owner !== saved.owner) patch.owner = owner;
  const tags = normalizeTags(form.tags);
  if (tags.join("\n") !== normalizeTags(saved.tags).join("\n")) patch.tags = tags;
  const note = form.note.trim() || null;
  if (note !== (saved.note?.trim() || null)) patch.note = note;
  return patch;
}
