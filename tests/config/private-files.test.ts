// The demo's generated session secret is created exclusively with mode 0600 and is never read or
// written through a symbolic link; the data directory is 0700.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ensurePrivateDirectory,
  readOrCreateSecretFile,
  SecretFileError,
} from "@/lib/config/private-files";

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
const SECRET = "s".repeat(43);

let dir: string;
let umask: number;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-secret-"));
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the generated session secret", () => {
  it("is created with mode 0600 and read back on the next start", () => {
    const file = path.join(dir, "nextauth-secret");
    expect(readOrCreateSecretFile(file, () => SECRET)).toBe(SECRET);
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toBe(`${SECRET}\n`);
    expect(readOrCreateSecretFile(file, () => "other".repeat(10))).toBe(SECRET);
  });

  it("refuses a symbolic link in its place and writes nothing through it", () => {
    const target = path.join(dir, "victim");
    fs.writeFileSync(target, "precious\n", { mode: 0o644 });
    const file = path.join(dir, "nextauth-secret");
    fs.symlinkSync(target, file);
    expect(() => readOrCreateSecretFile(file, () => SECRET)).toThrow(SecretFileError);
    expect(() => readOrCreateSecretFile(file, () => SECRET)).toThrow(/symbolic link/);
    expect(fs.readFileSync(target, "utf8")).toBe("precious\n");
    expect(modeOf(target)).toBe(0o644);
  });

  it("refuses a dangling symbolic link instead of creating its target", () => {
    const target = path.join(dir, "elsewhere", "planted");
    fs.mkdirSync(path.dirname(target));
    const file = path.join(dir, "nextauth-secret");
    fs.symlinkSync(target, file);
    expect(() => readOrCreateSecretFile(file, () => SECRET)).toThrow(/symbolic link/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it("refuses a symbolic link to a valid secret too (it would be read from elsewhere)", () => {
    const target = path.join(dir, "other-secret");
    fs.writeFileSync(target, `${SECRET}\n`);
    const file = path.join(dir, "nextauth-secret");
    fs.symlinkSync(target, file);
    expect(() => readOrCreateSecretFile(file, () => "x".repeat(40))).toThrow(/symbolic link/);
  });

  it("refuses a directory in its place", () => {
    const file = path.join(dir, "nextauth-secret");
    fs.mkdirSync(file);
    expect(() => readOrCreateSecretFile(file, () => SECRET)).toThrow(/not a regular file/);
  });

  it("tightens an existing secret file to 0600", () => {
    const file = path.join(dir, "nextauth-secret");
    fs.writeFileSync(file, `${SECRET}\n`, { mode: 0o644 });
    expect(readOrCreateSecretFile(file, () => "other".repeat(10))).toBe(SECRET);
    expect(modeOf(file)).toBe(0o600);
  });

  it("replaces a secret too short to use with a new file of mode 0600", () => {
    const file = path.join(dir, "nextauth-secret");
    fs.writeFileSync(file, "short\n", { mode: 0o666 });
    expect(readOrCreateSecretFile(file, () => SECRET)).toBe(SECRET);
    expect(modeOf(file)).toBe(0o600);
  });
});

describe("the data directory", () => {
  it("is created 0700, parents included", () => {
    const data = path.join(dir, "a", "data");
    ensurePrivateDirectory(data);
    expect(modeOf(data)).toBe(0o700);
    expect(modeOf(path.join(dir, "a"))).toBe(0o700);
  });

  it("is tightened to 0700 when it exists with a looser mode", () => {
    const data = path.join(dir, "data");
    fs.mkdirSync(data, { mode: 0o755 });
    ensurePrivateDirectory(data);
    expect(modeOf(data)).toBe(0o700);
  });

  it("leaves the working directory alone when the database sits in it", () => {
    const before = fs.statSync(process.cwd()).mode;
    ensurePrivateDirectory(".");
    expect(fs.statSync(process.cwd()).mode).toBe(before);
  });
});

describe("npm start (scripts/start.ts)", () => {
  it("makes the demo's data directory and session secret through these helpers only", () => {
    const source = fs.readFileSync(path.join(__dirname, "../../scripts/start.ts"), "utf8");
    expect(source).toMatch(/readOrCreateSecretFile\(\s*path\.join\(dataDir, "nextauth-secret"\)/);
    expect(source).toContain("ensurePrivateDirectory(dataDir)");
    expect(source).not.toMatch(/writeFileSync|mkdirSync/);
  });
});
