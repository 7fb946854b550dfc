-- The product's schema as first shipped: projects and the Artifact table (one artifact per type
-- per project, JSONB content with the previous version kept, edit tracking, annotations and the
-- generation status that keeps two generations from writing one artifact at once).
CREATE TABLE projects (
  id uuid PRIMARY KEY,
  user_id text NOT NULL,
  name text NOT NULL,
  idea text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_projects_user_id ON projects (user_id);

CREATE TABLE artifacts (
  id uuid PRIMARY KEY,
  project_id uuid NOT NULL REFERENCES projects (id),
  artifact_type varchar(50) NOT NULL,
  current_content jsonb,
  previous_content jsonb,
  version_number integer NOT NULL DEFAULT 1,
  schema_version integer NOT NULL DEFAULT 1,
  has_user_edits boolean NOT NULL DEFAULT false,
  edited_sections jsonb,
  annotations jsonb DEFAULT '[]'::jsonb,
  generation_status varchar(20) NOT NULL DEFAULT 'idle',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uq_project_artifact_type UNIQUE (project_id, artifact_type)
);
CREATE INDEX ix_artifacts_project_id ON artifacts (project_id);
