// The SQLite database holds the organization's whole inventory: its directory is 0700, and the
// database with its -wal and -shm files 0600, whatever the umask, including files an older
// version left with a looser mode.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "@/lib/db/storage";

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

let root: string;
let umask: number;
let storage: Storage | undefined;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-modes-"));
  umask = process.umask(0); // a permissive umask: the modes must not depend on it
});
afterEach(async () => {
  await storage?.close();
  storage = undefined;
  process.umask(umask);
  fs.rmSync(root, { recursive: true, force: true });
});

describe("SQLite files on disk", () => {
  it("creates the data directory 0700 and the database, WAL and SHM files 0600", async () => {
    const dir = path.join(root, "data", "nested");
    const file = path.join(dir, "atlas.db");
    storage = await openStorage({ url: `file:${file}` });
    await storage.replaceSnapshot({ tenants: [] }); // a write, so the WAL holds data
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(root, "data"))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(fs.existsSync(f), f).toBe(true);
      expect(modeOf(f), f).toBe(0o600);
    }
  });

  it("tightens a data directory and database files left readable by others", async () => {
    const dir = path.join(root, "data");
    const file = path.join(dir, "atlas.db");
    storage = await openStorage({ url: `file:${file}` });
    await storage.close();
    fs.chmodSync(dir, 0o755);
    for (const f of [file, `${file}-wal`, `${file}-shm`])
      if (fs.existsSync(f)) fs.chmodSync(f, 0o644);

    storage = await openStorage({ url: `file:${file}` });
    expect(modeOf(dir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
  });

  it("leaves a shared sticky directory such as /tmp as it is", async () => {
    const shared = path.join(root, "shared");
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o1777);
    storage = await openStorage({ url: `file:${path.join(shared, "atlas.db")}` });
    expect(fs.statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(modeOf(path.join(shared, "atlas.db"))).toBe(0o600);
  });
});
