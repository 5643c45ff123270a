// What an owner and a tag may hold, as plain checks without a schema library: the explorer's first
// load (the view codec, the bulk bar, the tag box) uses these, so it does not ship zod to every
// browser. lib/annotations/values.ts builds the API's schemas from the same checks and messages.

export const TAG_MAX_LENGTH = 40;
export const OWNER_MAX_LENGTH = 120;
export const NOTE_MAX_LENGTH = 2000;
export const SUBSCRIPTION_NAME_MAX_LENGTH = 120;
export const CUSTOMER_REF_MAX_LENGTH = 120;
/** At most this many tags on one tenant. */
export const TAGS_PER_TENANT_MAX = 50;

/**
 * The word the explorer's filters and groups use for "no owner" and "no tags" (`?owner=none`,
 * `?tag=none`). No owner (in any case) and no tag may be it: its tenants could not be told from
 * those without one.
 */
export const NONE_FILTER_VALUE = "none";

/** Whether `text` is that word, ignoring case and surrounding space ("None", " none "). */
export function isNoneFilterValue(text: string): boolean {
  return text.trim().toLowerCase() === NONE_FILTER_VALUE;
}

const TAG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** A value as stored, or why it is not one (the message a person reads). */
export type Checked = { value: string } | { error: string };

/** The form a tag is stored in: trimmed and lower-cased. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/** One tag: lower-case letters and digits in words joined by "-" ("eu-prod"), 1-40 characters. */
export function checkTag(text: string): Checked {
  const tag = normalizeTag(text);
  if (tag.length < 1) return { error: "A tag cannot be empty." };
  if (tag.length > TAG_MAX_LENGTH)
    return { error: `A tag has at most ${TAG_MAX_LENGTH} characters.` };
  if (!TAG_PATTERN.test(tag))
    return { error: 'A tag is lower-case letters and digits in words joined by "-".' };
  if (isNoneFilterValue(tag))
    return { error: 'A tag cannot be "none": that word finds tenants without tags.' };
  return { value: tag };
}

/** An owner: an email address or a team name, 1-120 characters, no control characters. */
export function checkOwner(text: string): Checked {
  const owner = text.trim();
  if (owner.length < 1) return { error: "An owner cannot be empty." };
  if (owner.length > OWNER_MAX_LENGTH)
    return { error: `An owner has at most ${OWNER_MAX_LENGTH} characters.` };
  if (CONTROL_CHARS.test(owner)) return { error: "An owner cannot contain control characters." };
  if (isNoneFilterValue(owner))
    return {
      error: 'An owner cannot be "none": that word finds tenants without an owner. Leave it empty.',
    };
  return { value: owner };
}

/**
 * Tags in their stored form: each trimmed and lower-cased, empty ones dropped, no duplicates,
 * sorted. Does not validate; check each with `checkTag` for that.
 */
export function normalizeTags(list: readonly string[]): string[] {
  const tags = new Set<string>();
  for (const tag of list) {
    const normalized = normalizeTag(tag);
    if (normalized) tags.add(normalized);
  }
  return [...tags].sort();
}

/** Splits the text form of a tag list ("eu; prod, billing") into its tags (not validated). */
export function splitTags(text: string): string[] {
  return normalizeTags(text.split(/[;,]/));
}
