CREATE TABLE "session_revocations" (
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"revoked_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "session_revocations_kind_subject_pk" PRIMARY KEY("kind","subject")
);
--> statement-breakpoint
CREATE INDEX "session_revocations_expires_idx" ON "session_revocations" USING btree ("expires_at");