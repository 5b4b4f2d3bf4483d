-- 效能监管 groups a year's cases (half a million in a busy county) by the China-local day they were
-- submitted and reads the day each finished. Converting timestamps per row took most of the
-- figure query's time (bench:approval), so both days are stored, derived from the row itself:
--   submitted_on  the China-local (UTC+8) day of submitted_at;
--   finished_on   the day of the decision, or of closing for a case closed without one (the
--                 closed states of cases/states.ts: REJECTED_ACCEPT, DELIVERED, DONE_DENIED, WITHDRAWN).
ALTER TABLE cases
  ADD COLUMN submitted_on date GENERATED ALWAYS AS (((submitted_at AT TIME ZONE 'UTC') + interval '8 hours')::date) STORED,
  ADD COLUMN finished_on date GENERATED ALWAYS AS (
    CASE WHEN decided_at IS NOT NULL THEN ((decided_at AT TIME ZONE 'UTC') + interval '8 hours')::date
         WHEN state IN ('REJECTED_ACCEPT', 'DELIVERED', 'DONE_DENIED', 'WITHDRAWN') AND closed_at IS NOT NULL THEN ((closed_at AT TIME ZONE 'UTC') + interval '8 hours')::date
    END) STORED;

-- The working days a case's clock stood still, for the same figures without reading case_pauses:
--   paused_days       working days of its ended pauses that started on or after acceptance (elapsedDays);
--   open_pause_since  the start day of a pause still running (the clock stands: light 'paused').
-- Kept by a trigger on case_pauses (the case row is already locked by the transition that ends or
-- starts the pause); rebuild_case_pause_days(region) recounts after a bulk load.
ALTER TABLE cases
  ADD COLUMN paused_days integer NOT NULL DEFAULT 0,
  ADD COLUMN open_pause_since date;

CREATE FUNCTION case_pause_days(case_id uuid) RETURNS TABLE (paused_days integer, open_pause_since date) LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(coalesce(p.paused_working_days, 0)) FILTER (WHERE p.ended_on IS NOT NULL AND c.accepted_on IS NOT NULL AND p.started_on >= c.accepted_on), 0)::int,
         min(p.started_on) FILTER (WHERE p.ended_on IS NULL)
    FROM cases c LEFT JOIN case_pauses p ON p.case_id = c.id
   WHERE c.id = case_pause_days.case_id
$$;

CREATE FUNCTION case_pauses_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c SET (paused_days, open_pause_since) = (SELECT d.paused_days, d.open_pause_since FROM case_pause_days(c.id) d)
   WHERE c.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;
  RETURN NULL;
END $$;

CREATE TRIGGER case_pauses_track AFTER INSERT OR UPDATE OR DELETE ON case_pauses FOR EACH ROW EXECUTE FUNCTION case_pauses_track();

CREATE FUNCTION rebuild_case_pause_days(region text) RETURNS void LANGUAGE sql AS $$
  UPDATE cases c SET (paused_days, open_pause_since) = (SELECT d.paused_days, d.open_pause_since FROM case_pause_days(c.id) d)
   WHERE (region IS NULL OR c.region_code = region) AND EXISTS (SELECT 1 FROM case_pauses p WHERE p.case_id = c.id);
$$;

SELECT rebuild_case_pause_days(NULL);

-- The figure query reads only these columns of the period's cases (an index-only scan).
CREATE INDEX cases_region_submitted_on_idx ON cases (region_code, submitted_on)
  INCLUDE (id, case_no, item_code, item_version, department_code, state, channel, accepted_on, due_date, decided_at, finished_on, warning_days, visits, paused_days, open_pause_since);
