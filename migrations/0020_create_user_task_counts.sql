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

CREATE FUNCTION user_task_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'done' AND OLD.completed_by IS NOT NULL THEN
    UPDATE user_task_counts SET done = done - 1
     WHERE user_id = OLD.completed_by AND region_code = OLD.region_code
       AND item_code = (SELECT item_code FROM cases WHERE id = OLD.case_id);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'done' AND NEW.completed_by IS NOT NULL THEN
    INSERT INTO user_task_counts (user_id, region_code, item_code, done)
    SELECT NEW.completed_by, NEW.region_code, c.item_code, 1 FROM cases c WHERE c.id = NEW.case_id
    ON CONFLICT (user_id, region_code, item_code) DO UPDATE SET done = user_task_counts.done + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER case_tasks_count_done_insert AFTER INSERT OR DELETE ON case_tasks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION user_task_counts_track();
CREATE CONSTRAINT TRIGGER case_tasks_count_done_update AFTER UPDATE OF status, completed_by ON case_tasks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.completed_by IS DISTINCT FROM NEW.completed_by)
  EXECUTE FUNCTION user_task_counts_track();

INSERT INTO user_task_counts (user_id, region_code, item_code, done)
SELECT t.completed_by, t.region_code, c.item_code, count(*)
  FROM case_tasks t JOIN cases c ON c.id = t.case_id
 WHERE t.status = 'done' AND t.completed_by IS NOT NULL
 GROUP BY 1, 2, 3;
