CREATE TABLE "limiter_failures" (
	"id" serial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "limiter_streaks" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer NOT NULL,
	"last_at" bigint NOT NULL,
	CONSTRAINT "limiter_streaks_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE INDEX "limiter_failures_key_idx" ON "limiter_failures" USING btree ("scope","key","at");--> statement-breakpoint
CREATE INDEX "limiter_failures_at_idx" ON "limiter_failures" USING btree ("scope","at");--> statement-breakpoint
CREATE INDEX "limiter_streaks_last_idx" ON "limiter_streaks" USING btree ("scope","last_at");