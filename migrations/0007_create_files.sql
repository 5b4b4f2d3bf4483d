-- Content-addressed file store metadata. The bytes live under DATA_DIR/files/<sha256 path>;
-- the client's file name is metadata only and never reaches the filesystem.
CREATE TABLE files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  mime text NOT NULL,
  ext text NOT NULL,
  original_name text NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_sha_idx ON files (sha256);
