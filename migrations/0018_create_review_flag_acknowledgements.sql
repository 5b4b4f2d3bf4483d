-- A reviewer acknowledges a re-review flag (复审提醒) once, optionally with a note. review_flags keeps
-- acknowledged_at/acknowledged_by (the open-flags index relies on them); the note lives here, one row
-- per flag, so a second acknowledgement also meets the primary key.
CREATE TABLE review_flag_acknowledgements (
  flag_id bigint PRIMARY KEY REFERENCES review_flags (id),
  region_code text NOT NULL,
  acknowledged_by uuid NOT NULL REFERENCES users (id),
  acknowledged_at timestamptz NOT NULL,
  note text CHECK (note IS NULL OR length(note) <= 500)
);
