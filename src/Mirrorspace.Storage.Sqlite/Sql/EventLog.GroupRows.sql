-- One group of the batch, row by row in arrival order, for the slow path of the move. The event's
-- columns come first, in the order Rows.Event reads them.
SELECT version, timestamp, kind, payload, source, seq
FROM twin_event_log
WHERE seq <= $up_to AND tenant_id = $tenant_id AND twin_id = $twin_id AND version BETWEEN $first_version AND $last_version
ORDER BY seq;
