// The two schemas declare the same tables: same SQL names, columns, keys, defaults and indexes.
// (lib/db/queries/db.ts checks the row types at compile time; this checks what types cannot see.)
import { getTableConfig as pgConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "@/lib/db/schema/postgres";
import * as sqliteSchema from "@/lib/db/schema/sqlite";

interface Shape {
  name: string;
  columns: { name: string; notNull: boolean; hasDefault: boolean; primary: boolean }[];
  indexes: { name: string | undefined; unique: boolean; on: string[] }[];
}

function shape(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>): Shape {
  return {
    name: config.name,
    columns: config.columns.map((c) => ({
      name: c.name,
      notNull: c.notNull,
      hasDefault: c.hasDefault,
      primary: c.primary,
    })),
    indexes: config.indexes.map(({ config: i }) => ({
      name: i.name,
      unique: i.unique,
      on: i.columns.map((c) => ("name" in c ? String(c.name) : "(expression)")),
    })),
  };
}

describe("schemas", () => {
  it("declare the same tables in both dialects", () => {
    expect(Object.keys(sqliteSchema).sort()).toEqual(Object.keys(pgSchema).sort());
    for (const key of Object.keys(pgSchema) as (keyof typeof pgSchema)[]) {
      const pg = shape(pgConfig(pgSchema[key] as PgTable));
      const sqlite = shape(sqliteConfig(sqliteSchema[key] as SQLiteTable));
      expect(sqlite, key).toEqual(pg);
    }
  });
});
