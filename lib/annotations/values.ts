// What a subscription name, customer reference, owner, tag and note may hold. Client-safe: the
// explorer's editors, the import page and the API validate with the same schemas.
import { z } from "zod";

export const TAG_MAX_LENGTH = 40;
export const OWNER_MAX_LENGTH = 120;
export const NOTE_MAX_LENGTH = 2000;
export const SUBSCRIPTION_NAME_MAX_LENGTH = 120;
export const CUSTOMER_REF_MAX_LENGTH = 120;
/** At most this many tags on one tenant. */
export const TAGS_PER_TENANT_MAX = 50;

const TAG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
// A note is plain text over several lines: tabs and line breaks are fine, other controls are not.
// eslint-disable-next-line no-control-regex
const NOTE_CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The form a tag is stored in: trimmed and lower-cased. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/** One tag: lower-case letters and digits in words joined by "-" ("eu-prod"), 1-40 characters. */
export const tagSchema = z
  .string()
  .transform(normalizeTag)
  .pipe(
    z
      .string()
      .min(1, "A tag cannot be empty.")
      .max(TAG_MAX_LENGTH, `A tag has at most ${TAG_MAX_LENGTH} characters.`)
      .regex(TAG_PATTERN, 'A tag is lower-case letters and digits in words joined by "-".'),
  );

/** An owner: an email address or a team name, 1-120 characters, no control characters. */
export const ownerSchema = z
  .string()
  .trim()
  .min(1, "An owner cannot be empty.")
  .max(OWNER_MAX_LENGTH, `An owner has at most ${OWNER_MAX_LENGTH} characters.`)
  .refine((value) => !CONTROL_CHARS.test(value), "An owner cannot contain control characters.");

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

/**
 * Tags in their stored form: each trimmed and lower-cased, empty ones dropped, no duplicates,
 * sorted. Does not validate; parse each with `tagSchema` (or use `tagListSchema`) for that.
 */
export function normalizeTags(list: readonly string[]): string[] {
  const tags = new Set<string>();
  for (const tag of list) {
    const normalized = normalizeTag(tag);
    if (normalized) tags.add(normalized);
  }
  return [...tags].sort();
}

/** A list of tags, validated and normalized (sorted, no duplicates). */
export const tagListSchema = z
  .array(tagSchema)
  .transform((tags) => normalizeTags(tags))
  .pipe(
    z
      .array(z.string())
      .max(TAGS_PER_TENANT_MAX, `A tenant has at most ${TAGS_PER_TENANT_MAX} tags.`),
  );

/** Splits the text form of a tag list ("eu; prod, billing") into its tags (not validated). */
export function splitTags(text: string): string[] {
  return normalizeTags(text.split(/[;,]/));
}

/** `schema`, or null to clear; a blank string counts as null ("" clears, as in the CSV import). */
export function clearable<S extends z.ZodType<string, string>>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    schema.nullable(),
  );
}
