-- Append-only, hash-chained audit log (等保2.0 8.1.4.3). Rows cannot be updated; rows younger than
-- the legal minimum (网络安全法: ≥ 6 months, 184 days covers any six calendar months) cannot be deleted.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  region_code text NOT NULL,
  at timestamptz NOT NULL,
  user_id uuid,
  username text,
  ip text,
  user_agent text,
  request_id text,
  action text NOT NULL,
  object_type text,
  object_id text,
  result text NOT NULL CHECK (result IN ('success', 'failure')),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (region_code, at DESC);
CREATE INDEX audit_log_user_idx ON audit_log (username, at DESC);

-- Where verification starts when old rows have been pruned: the hash of the last pruned row.
CREATE TABLE audit_anchor (
  id integer PRIMARY KEY CHECK (id = 1),
  last_pruned_id bigint NOT NULL,
  last_pruned_hash text NOT NULL,
  pruned_at timestamptz NOT NULL DEFAULT now()
);

-- The newest row's id and hash with an HMAC over both: deleting rows at the end of the chain
-- cannot be hidden without the server key.
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  last_id bigint NOT NULL,
  last_hash text NOT NULL,
  mac text NOT NULL
);

CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_log is append-only: UPDATE refused' USING ERRCODE = '42501';
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.at > now() - interval '184 days' THEN
      RAISE EXCEPTION 'audit_log rows younger than 184 days cannot be deleted' USING ERRCODE = '42501';
    END IF;
    RETURN OLD;
  ELSIF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_log cannot be truncated' USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();
