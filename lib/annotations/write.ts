import "server-only";
import { getStorage } from "@/lib/db/storage";
import type { UpdateAnnotationsInput, UpdateAnnotationsResult } from "@/lib/db/types";
import { overlayWritten } from "./overlay";

// Every change to subscription names and tenant annotations goes through here: one transaction in
// storage (with the audit entries and the version bump), then this process's overlay at once.

/** Applies the patches (see Storage.updateAnnotations); a dry run writes nothing. */
export async function updateAnnotations(
  input: UpdateAnnotationsInput,
): Promise<UpdateAnnotationsResult> {
  const result = await (await getStorage()).updateAnnotations(input);
  if (!input.dryRun) overlayWritten(result);
  return result;
}
