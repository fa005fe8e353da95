-- Only a held reading changes: a second release or a discard after a release is a no-op the caller checks first.
UPDATE quarantine SET state = $state, decided_at = $decided_at, decided_by = $decided_by
WHERE tenant_id = $tenant_id AND quarantine_id = $quarantine_id AND state = 1;
