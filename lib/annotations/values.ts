// What a subscription name, customer reference, owner, tag and note may hold, as the API's zod
// schemas (also used by the forms that load when opened); the owner and tag rules themselves are
// ./value-checks.ts, which the explorer's first load uses without zod.
import { z } from "zod";
import {
  checkOwner,
  checkTag,
  CONTROL_CHARS,
  CUSTOMER_REF_MAX_LENGTH,
  normalizeTags,
  NOTE_MAX_LENGTH,
  SUBSCRIPTION_NAME_MAX_LENGTH,
  TAGS_PER_TENANT_MAX,
  type Checked,
} from "./value-checks";

export {
  checkOwner,
  checkTag,
  CUSTOMER_REF_MAX_LENGTH,
  normalizeTag,
  normalizeTags,
  NOTE_MAX_LENGTH,
  OWNER_MAX_LENGTH,
  splitTags,
  SUBSCRIPTION_NAME_MAX_LENGTH,
  TAG_MAX_LENGTH,
  TAGS_PER_TENANT_MAX,
} from "./value-checks";

// A note is plain text over several lines: tabs and line breaks are fine, other controls are not.
// eslint-disable-next-line no-control-regex
const NOTE_CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A zod transform from a plain check: its value, or its message as the issue. */
function fromCheck(check: (text: string) => Checked) {
  return (text: string, ctx: z.RefinementCtx<string>): string => {
    const checked = check(text);
    if ("value" in checked) return checked.value;
    ctx.addIssue({ code: "custom", message: checked.error });
    return z.NEVER;
  };
}

/** One tag: lower-case letters and digits in words joined by "-" ("eu-prod"), 1-40 characters. */
export const tagSchema = z.string().transform(fromCheck(checkTag));

/** An owner: an email address or a team name, 1-120 characters, no control characters. */
export const ownerSchema = z.string().transform(fromCheck(checkOwner));

/**
 * A note: plain text (line breaks allowed, stored as "\n"), at most 2,000 characters; "" means
 * no note.
 */
export const noteSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/\r\n?/g, "\n"))
  .pipe(
    z
      .string()
      .max(NOTE_MAX_LENGTH, `A note has at most ${NOTE_MAX_LENGTH} characters.`)
      .refine(
        (value) => !NOTE_CONTROL_CHARS.test(value),
        "A note is plain text: no control characters other than tabs and line breaks.",
      ),
  );

/** A subscription's name, 1-120 characters, no control characters. */
export const subscriptionNameSchema = z
  .string()
  .trim()
  .min(1, "A subscription name cannot be empty.")
  .max(
    SUBSCRIPTION_NAME_MAX_LENGTH,
    `A subscription name has at most ${SUBSCRIPTION_NAME_MAX_LENGTH} characters.`,
  )
  .refine(
    (value) => !CONTROL_CHARS.test(value),
    "A subscription name cannot contain control characters.",
  );

/** A customer or account reference, at most 120 characters; "" means none. */
export const customerRefSchema = z
  .string()
  .trim()
  .max(
    CUSTOMER_REF_MAX_LENGTH,
    `A customer reference has at most ${CUSTOMER_REF_MAX_LENGTH} characters.`,
  )
  .refine(
    (value) => !CONTROL_CHARS.test(value),
    "A customer reference cannot contain control characters.",
  );

/** A list of tags, validated and normalized (sorted, no duplicates). */
export const tagListSchema = z
  .array(tagSchema)
  .transform((tags) => normalizeTags(tags))
  .pipe(
    z
      .array(z.string())
      .max(TAGS_PER_TENANT_MAX, `A tenant has at most ${TAGS_PER_TENANT_MAX} tags.`),
  );

/** `schema`, or null to clear; a blank string counts as null ("" clears, as in the CSV import). */
export function clearable<S extends z.ZodType<string, string>>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    schema.nullable(),
  );
}
