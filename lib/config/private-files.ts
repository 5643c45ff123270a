// Files that hold the organization's inventory or a secret (the data directory, the SQLite database
// and its -wal/-shm companions, LOG_FILE, the demo's generated session secret) are readable by
// the account that runs Tenant Atlas only. Modes are set explicitly rather than left to the umask,
// and files that already exist with a looser mode are tightened. No `server-only`: scripts/start.ts
// (plain Node) uses this module too.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents) with mode 0700. An existing directory is tightened to 0700
 * when it is ours to tighten: owned by this account, not a shared sticky directory such as /tmp,
 * and not the working directory, the home directory or the root.
 */
export function ensurePrivateDirectory(dir: string): void {
  const target = path.resolve(dir);
  const existed = fs.existsSync(target);
  fs.mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  const stat = fs.statSync(target);
  if ((stat.mode & 0o777) === PRIVATE_DIR_MODE) return;
  if (existed && !mayTighten(target, stat)) return;
  fs.chmodSync(target, PRIVATE_DIR_MODE);
}

function mayTighten(dir: string, stat: fs.Stats): boolean {
  if (stat.mode & 0o1000) return false; // sticky: shared by design
  if (typeof process.getuid === "function" && stat.uid !== process.getuid()) return false;
  // turbopackIgnore: without it Next.js traces the whole project (data/ included) into the
  // standalone output, since it cannot tell which folder process.cwd() names.
  const off = [process.cwd(), os.homedir(), path.parse(dir).root].map((p) =>
    path.resolve(/*turbopackIgnore: true*/ p),
  );
  return !off.includes(dir);
}

/** Sets `file` to 0600 when it exists (a file created by an older version, or by a library). */
export function restrictFile(file: string): void {
  try {
    if ((fs.statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE)
      fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/**
 * An open file descriptor for appending to `file`, created 0600 (an existing file is set to 0600).
 * The caller owns the descriptor.
 */
export function openPrivateAppend(file: string): number {
  const fd = fs.openSync(file, "a", PRIVATE_FILE_MODE);
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  return fd;
}

/** Creates `file` empty with mode 0600 unless it exists, so a library that opens it next keeps that mode. */
export function touchPrivateFile(file: string): void {
  fs.closeSync(openPrivateAppend(file));
}

export class SecretFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretFileError";
  }
}

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;

/**
 * The secret stored in `file`, or a new one from `generate()` written there. The file is never
 * followed through a symbolic link (reading refuses one; creating is exclusive, which a link in
 * the way also fails), is created with mode 0600 rather than chmod-ed afterwards, and an existing
 * one is tightened to 0600. A stored value shorter than `minLength` is replaced.
 */
export function readOrCreateSecretFile(
  file: string,
  generate: () => string,
  minLength = 32,
): string {
  const existing = readSecretFile(file);
  if (existing !== undefined && existing.length >= minLength) return existing;
  if (existing !== undefined) fs.unlinkSync(file);
  const secret = generate();
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ELOOP")
      throw new SecretFileError(
        `${file} appeared while Tenant Atlas was creating it (a symbolic link, or another process): remove it and start again`,
      );
    throw error;
  }
  try {
    fs.writeSync(fd, `${secret}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return secret;
}

/** The trimmed content, undefined when there is no file; refuses a symbolic link or a non-file. */
function readSecretFile(file: string): string | undefined {
  const link = fs.lstatSync(file, { throwIfNoEntry: false });
  if (link === undefined) return undefined;
  if (link.isSymbolicLink())
    throw new SecretFileError(
      `${file} is a symbolic link; Tenant Atlas keeps its secret in a regular file only: remove the link`,
    );
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP")
      throw new SecretFileError(`${file} is a symbolic link: remove it`);
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new SecretFileError(`${file} is not a regular file: remove it`);
    if ((stat.mode & 0o777) !== PRIVATE_FILE_MODE) fs.fchmodSync(fd, PRIVATE_FILE_MODE);
    return fs.readFileSync(fd, "utf8").trim();
  } finally {
    fs.closeSync(fd);
  }
}
