import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from "node:crypto";
import bcrypt from "bcryptjs";

// The local admin's password hash: bcrypt (`$2b$12$…`) or scrypt in our own format
// `scrypt$N$r$p$<salt>$<hash>` (base64url), both printed by `npm run hash-password`.
// Not server-only: it holds no secret (callers pass the hash in) and the hash script runs it in Node.

const SCRYPT_DEFAULTS = { N: 2 ** 17, r: 8, p: 1 } as const;
const BCRYPT_COST = 12;
const KEY_LENGTH = 32;

function scrypt(
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const scryptOptions = (N: number, r: number, p: number): ScryptOptions => ({
  N,
  r,
  p,
  // Node refuses more than 32 MiB by default; N=2^17, r=8 needs 128 MiB.
  maxmem: 128 * N * r * p + 1024 * 1024,
});

export async function hashPassword(
  password: string,
  algorithm: "bcrypt" | "scrypt" = "bcrypt",
): Promise<string> {
  if (algorithm === "bcrypt") return bcrypt.hash(password, BCRYPT_COST);
  const { N, r, p } = SCRYPT_DEFAULTS;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, scryptOptions(N, r, p));
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** True when `password` matches `hash`; false for a wrong password or a hash it cannot read. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (hash.startsWith("$2")) return bcrypt.compare(password, hash);
  const parts = hash.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (!N || !r || !p || expected.length === 0) return false;
  const actual = await scrypt(password, salt, expected.length, scryptOptions(N, r, p));
  return timingSafeEqual(actual, expected);
}
