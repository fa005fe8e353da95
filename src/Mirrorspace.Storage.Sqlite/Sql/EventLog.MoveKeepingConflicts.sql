-- The slow path of EventLog.Move.sql, for a batch holding a (tenant, twin, version) that is
-- already taken. The first event for a key stays in the history; an exact repeat of it is dropped
-- (nothing is lost); a different event for a taken key is kept in twin_event_conflicts.
INSERT INTO twin_events (tenant_id, twin_id, version, timestamp, kind, payload, source)
SELECT tenant_id, twin_id, version, timestamp, kind, payload, source
FROM twin_event_log
WHERE seq <= $up_to
ORDER BY tenant_id, twin_id, version, seq
ON CONFLICT DO NOTHING;

INSERT INTO twin_event_conflicts (seq, tenant_id, twin_id, version, timestamp, kind, payload, source)
SELECT l.seq, l.tenant_id, l.twin_id, l.version, l.timestamp, l.kind, l.payload, l.source
FROM twin_event_log AS l
WHERE l.seq <= $up_to
  AND NOT EXISTS (
    SELECT 1
    FROM twin_events AS e
    WHERE e.tenant_id = l.tenant_id
      AND e.twin_id = l.twin_id
      AND e.version = l.version
      AND e.timestamp = l.timestamp
      AND e.kind = l.kind
      AND e.payload = l.payload
      AND e.source = l.source);

DELETE FROM twin_event_log WHERE seq <= $up_to;
