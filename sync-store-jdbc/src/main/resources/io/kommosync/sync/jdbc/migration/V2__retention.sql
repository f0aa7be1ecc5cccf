-- kommo-sync store, schema version 2: retention. A finished job (DONE or DEAD) records when it finished, so
-- pruning can find old ones by index; rows finished before this version take their last update time. The claim
-- query and the audit and seen-event pruning get indexes.

ALTER TABLE ks_job ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
UPDATE ks_job SET finished_at = updated_at WHERE state IN ('DONE', 'DEAD');

CREATE INDEX ks_job_claim ON ks_job (state, due_at);
CREATE INDEX ks_job_finished ON ks_job (state, finished_at);
CREATE INDEX ks_audit_at ON ks_audit (logged_at);
CREATE INDEX ks_seen_event_at ON ks_seen_event (seen_at);
