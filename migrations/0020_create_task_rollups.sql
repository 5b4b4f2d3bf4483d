-- The 已办 count of the task lists (GET /api/tasks): a handler of a busy county completes a hundred
-- thousand tasks and more, and counting them at every list took most of its time (bench:approval).
-- The count is kept per user, region and item, by triggers on case_tasks, so every path that
-- completes a task (the case engine, imports, repairs) keeps it right. The triggers are deferred to
-- the commit: concurrent transitions by one user then wait for the counter row only while committing.
CREATE TABLE user_task_counts (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  region_code text NOT NULL,
  item_code text NOT NULL,
  done integer NOT NULL CHECK (done >= 0),
  PRIMARY KEY (user_id, region_code, item_code)
);

-- 效能监管's working days per step (GET /api/supervision/summary) read every done task of the period's
-- cases (three million a year in a busy county). Done tasks do not change, so they are counted here
-- per case submission day, item, competent department, step and (start day, completion day): the
-- summary adds up these rows and turns each day pair into working days with the calendar of the
-- moment, so a later change to the holiday schedule still counts.
CREATE TABLE task_step_days (
  region_code text NOT NULL,
  submitted_on date NOT NULL,
  item_code text NOT NULL,
  department_code text NOT NULL,
  step_id text NOT NULL,
  started_on date NOT NULL,
  completed_on date NOT NULL,
  step_name text NOT NULL,
  tasks integer NOT NULL CHECK (tasks >= 0),
  PRIMARY KEY (region_code, submitted_on, item_code, department_code, step_id, started_on, completed_on)
);

CREATE FUNCTION case_tasks_track_done() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'done' THEN
    SELECT item_code, coalesce(department_code, '') AS department_code, ((submitted_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS submitted_on
      INTO c FROM cases WHERE id = OLD.case_id;
    IF OLD.completed_by IS NOT NULL THEN
      UPDATE user_task_counts SET done = done - 1 WHERE user_id = OLD.completed_by AND region_code = OLD.region_code AND item_code = c.item_code;
    END IF;
    IF OLD.completed_at IS NOT NULL THEN
      UPDATE task_step_days SET tasks = tasks - 1
       WHERE region_code = OLD.region_code AND submitted_on = c.submitted_on AND item_code = c.item_code AND department_code = c.department_code
         AND step_id = OLD.step_id AND started_on = OLD.started_on AND completed_on = ((OLD.completed_at AT TIME ZONE 'UTC') + interval '8 hours')::date;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'done' THEN
    SELECT item_code, coalesce(department_code, '') AS department_code, ((submitted_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS submitted_on
      INTO c FROM cases WHERE id = NEW.case_id;
    IF NEW.completed_by IS NOT NULL THEN
      INSERT INTO user_task_counts (user_id, region_code, item_code, done) VALUES (NEW.completed_by, NEW.region_code, c.item_code, 1)
      ON CONFLICT (user_id, region_code, item_code) DO UPDATE SET done = user_task_counts.done + 1;
    END IF;
    IF NEW.completed_at IS NOT NULL THEN
      INSERT INTO task_step_days (region_code, submitted_on, item_code, department_code, step_id, started_on, completed_on, step_name, tasks)
      VALUES (NEW.region_code, c.submitted_on, c.item_code, c.department_code, NEW.step_id, NEW.started_on, ((NEW.completed_at AT TIME ZONE 'UTC') + interval '8 hours')::date, NEW.step_name, 1)
      ON CONFLICT (region_code, submitted_on, item_code, department_code, step_id, started_on, completed_on) DO UPDATE SET tasks = task_step_days.tasks + 1;
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER case_tasks_track_done_insert AFTER INSERT OR DELETE ON case_tasks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION case_tasks_track_done();
CREATE CONSTRAINT TRIGGER case_tasks_track_done_update AFTER UPDATE OF status, completed_by, completed_at, started_on, step_id ON case_tasks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.completed_by IS DISTINCT FROM NEW.completed_by OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
        OR OLD.started_on IS DISTINCT FROM NEW.started_on OR OLD.step_id IS DISTINCT FROM NEW.step_id)
  EXECUTE FUNCTION case_tasks_track_done();

-- Recounts both from the tasks (one region, or all when NULL): for bulk loads that set the triggers aside.
CREATE FUNCTION rebuild_task_rollups(region text) RETURNS void LANGUAGE sql AS $$
  DELETE FROM user_task_counts WHERE region IS NULL OR region_code = region;
  DELETE FROM task_step_days WHERE region IS NULL OR region_code = region;
  INSERT INTO user_task_counts (user_id, region_code, item_code, done)
  SELECT t.completed_by, t.region_code, c.item_code, count(*)
    FROM case_tasks t JOIN cases c ON c.id = t.case_id
   WHERE t.status = 'done' AND t.completed_by IS NOT NULL AND (region IS NULL OR t.region_code = region)
   GROUP BY 1, 2, 3;
  INSERT INTO task_step_days (region_code, submitted_on, item_code, department_code, step_id, started_on, completed_on, step_name, tasks)
  SELECT t.region_code, ((c.submitted_at AT TIME ZONE 'UTC') + interval '8 hours')::date, c.item_code, coalesce(c.department_code, ''), t.step_id, t.started_on,
         ((t.completed_at AT TIME ZONE 'UTC') + interval '8 hours')::date, min(t.step_name), count(*)
    FROM case_tasks t JOIN cases c ON c.id = t.case_id
   WHERE t.status = 'done' AND t.completed_at IS NOT NULL AND (region IS NULL OR t.region_code = region)
   GROUP BY 1, 2, 3, 4, 5, 6, 7;
$$;

-- The figures of the tasks already done. The bulk loader of the benchmark (bench/approval-generate.ts) runs the same statements.
SELECT rebuild_task_rollups(NULL);
