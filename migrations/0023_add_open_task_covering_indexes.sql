-- The 待办 list (GET /api/tasks) counts a user's open tasks by light: the open tasks of the county
-- (ten thousand among millions of done ones) and, for each, its case's state, warning days and item.
-- Both come from indexes alone, so the count touches neither the task rows nor the wide case rows
-- (applicant, project) that a busy county cannot keep in memory (bench:approval).
CREATE INDEX case_tasks_open_list_idx ON case_tasks (region_code, department_code)
  INCLUDE (permission, due_date, started_at, id, case_id) WHERE status = 'open';
CREATE INDEX cases_task_list_idx ON cases (id) INCLUDE (state, warning_days, item_code);
