-- Appends to the arrival-ordered log: the rowid (seq) grows, so a group's rows share a few
-- consecutive pages. Uniqueness of (tenant, twin, version) is checked by the store before this
-- insert (EventLogAppender) and again when the indexer moves the row into the indexed history.
INSERT INTO twin_event_log (tenant_id, twin_id, version, timestamp, kind, payload, source)
VALUES ($tenant_id, $twin_id, $version, $timestamp, $kind, $payload, $source);
