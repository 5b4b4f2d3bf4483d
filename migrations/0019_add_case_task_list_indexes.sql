-- The 已办 list and its count (GET /api/tasks) read the tasks a user completed, newest first: without
-- this index a county with millions of done tasks scans them all for every list (bench:approval).
CREATE INDEX case_tasks_completed_by_idx ON case_tasks (completed_by, completed_at DESC) WHERE status = 'done';

-- 效能监管 reads every case submitted in a period (a year: hundreds of thousands); the figures need
-- only these columns, so the scan reads the index, not the wide case rows (applicant, project).
CREATE INDEX cases_region_submitted_idx ON cases (region_code, submitted_at)
  INCLUDE (id, case_no, item_code, item_version, department_code, state, channel, accepted_on, due_date, decided_at, closed_at, warning_days, visits);
