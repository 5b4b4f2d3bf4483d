-- Cases (办件), their tasks, append-only history, materials with versions, clock pauses,
-- the gap-free daily serial for case numbers, and in-app notifications from the reminder job.
CREATE TABLE case_serials (
  region_code text NOT NULL,
  day date NOT NULL,
  last_serial integer NOT NULL,
  PRIMARY KEY (region_code, day)
);

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  case_no text NOT NULL UNIQUE,
  item_code text NOT NULL,
  item_version integer NOT NULL,
  -- The competent section (承办股室) when the case was submitted, for supervision by department.
  department_code text,
  definition_id uuid NOT NULL REFERENCES process_definitions (id),
  state text NOT NULL,
  -- The state to return to when a pause (special procedure, 补正 after acceptance) ends.
  resume_state text,
  version integer NOT NULL DEFAULT 1,
  applicant jsonb NOT NULL,
  project jsonb NOT NULL DEFAULT '{}'::jsonb,
  boundary jsonb,
  review_report_id text,
  channel text NOT NULL DEFAULT 'window' CHECK (channel IN ('window', 'online')),
  submitted_by uuid REFERENCES users (id),
  idempotency_key text,
  submitted_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_on date,
  time_limit_days integer NOT NULL,
  warning_days integer NOT NULL DEFAULT 2,
  extension_days integer NOT NULL DEFAULT 0,
  due_date date,
  decision text CHECK (decision IN ('approved', 'denied')),
  decided_at timestamptz,
  certificate_no text,
  certified_at timestamptz,
  delivered_at timestamptz,
  closed_at timestamptz,
  visits integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cases_idempotency_idx ON cases (region_code, submitted_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX cases_region_state_idx ON cases (region_code, state);
CREATE INDEX cases_region_item_idx ON cases (region_code, item_code, submitted_at);

CREATE TABLE case_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  region_code text NOT NULL,
  step_id text NOT NULL,
  step_name text NOT NULL,
  phase text NOT NULL,
  permission text NOT NULL,
  department_code text,
  -- The parallel block (fork node id) this task belongs to, if any.
  fork_id text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  outcome text,
  comment text,
  assignee_id uuid REFERENCES users (id),
  time_limit_days integer NOT NULL,
  started_at timestamptz NOT NULL,
  started_on date NOT NULL,
  due_date date,
  completed_at timestamptz,
  completed_by uuid REFERENCES users (id)
);
CREATE INDEX case_tasks_case_idx ON case_tasks (case_id, status);
CREATE INDEX case_tasks_open_idx ON case_tasks (region_code, status, department_code);

CREATE TABLE case_history (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  region_code text NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id),
  actor_name text,
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  task_id uuid,
  step_id text,
  comment text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX case_history_case_idx ON case_history (case_id, id);

CREATE TABLE case_materials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  region_code text NOT NULL,
  material_code text NOT NULL,
  name text NOT NULL,
  version integer NOT NULL,
  file_id uuid REFERENCES files (id),
  note text NOT NULL DEFAULT '',
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL,
  superseded_at timestamptz,
  UNIQUE (case_id, material_code, version)
);

-- Intervals when the clock stands still: special procedures (特别程序) and 补正 after acceptance.
CREATE TABLE case_pauses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  region_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('special', 'supplement')),
  procedure_code text,
  reason text NOT NULL DEFAULT '',
  planned_days integer,
  max_days integer,
  started_at timestamptz NOT NULL,
  started_on date NOT NULL,
  ended_at timestamptz,
  ended_on date,
  paused_working_days integer,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX case_pauses_case_idx ON case_pauses (case_id);

-- 补正 notices (一次性告知): every missing or wrong material in one notice.
CREATE TABLE case_supplement_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  region_code text NOT NULL,
  before_acceptance boolean NOT NULL,
  items jsonb NOT NULL,
  issued_at timestamptz NOT NULL,
  issued_by uuid REFERENCES users (id),
  answered_at timestamptz
);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  case_id uuid REFERENCES cases (id),
  task_id uuid REFERENCES case_tasks (id),
  -- One reminder per task, level and recipient: a second run of the job writes nothing new.
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
