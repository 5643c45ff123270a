// drizzle-kit configuration. One schema per dialect, one migrations folder per dialect:
//   npx drizzle-kit generate                        → lib/db/migrations/sqlite
//   DB_DIALECT=postgres npx drizzle-kit generate    → lib/db/migrations/postgres
// The app applies them itself at start (lib/db/migrate.ts); no `drizzle-kit migrate`/`push` needed.
import { defineConfig } from "drizzle-kit";

export default process.env.DB_DIALECT === "postgres"
  ? defineConfig({
      dialect: "postgresql",
      schema: "./lib/db/schema/postgres.ts",
      out: "./lib/db/migrations/postgres",
    })
  : defineConfig({
      dialect: "sqlite",
      schema: "./lib/db/schema/sqlite.ts",
      out: "./lib/db/migrations/sqlite",
    });
