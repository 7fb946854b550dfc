-- What safe sync and the server-side cascade need on top of the first schema:
-- * artifacts.revision counts every write (ETag "<version_number>.<revision>"), so two edits of
--   one version are told apart; generation_error says why a generation failed.
-- * Annotations get ids (existing ones are given one here), so a replayed annotate is a no-op.
-- * projects carry the tier their sections are gated to and the project's generation lock
--   (status, owner, expiry: a crashed run's lock can be taken over once it expires).
-- * users and their API tokens; idempotency keys with the first response to each (written in the
--   same transaction as the write the key guards, so the response is never missing).
ALTER TABLE artifacts ADD COLUMN revision integer NOT NULL DEFAULT 0;
ALTER TABLE artifacts ADD COLUMN generation_error text;

UPDATE artifacts
SET annotations = (
  SELECT coalesce(jsonb_agg(
           CASE WHEN note ? 'id' THEN note
                ELSE note || jsonb_build_object('id', gen_random_uuid()::text) END
           ORDER BY position), '[]'::jsonb)
  FROM jsonb_array_elements(annotations) WITH ORDINALITY AS listed (note, position))
WHERE jsonb_typeof(annotations) = 'array';
UPDATE artifacts SET annotations = '[]'::jsonb WHERE annotations IS NULL OR jsonb_typeof(annotations) <> 'array';

ALTER TABLE projects ADD COLUMN tier varchar(50);
ALTER TABLE projects ADD COLUMN generation_status varchar(20) NOT NULL DEFAULT 'idle';
ALTER TABLE projects ADD COLUMN generation_owner uuid;
ALTER TABLE projects ADD COLUMN generation_expires_at timestamptz;

CREATE TABLE users (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO users (id) SELECT DISTINCT user_id FROM projects ON CONFLICT DO NOTHING;
ALTER TABLE projects ADD CONSTRAINT fk_projects_user FOREIGN KEY (user_id) REFERENCES users (id);

-- Tokens are kept as SHA-256 digests (hex), never as given.
CREATE TABLE api_tokens (
  token_sha256 text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE idempotency_keys (
  user_id text NOT NULL,
  key text NOT NULL,
  request_sha256 text NOT NULL,
  status_code integer,
  response jsonb,
  etag text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
