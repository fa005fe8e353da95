-- One group of the batch, row by row in arrival order, for the slow path of the move.
SELECT seq, version, timestamp, kind, payload, source
FROM twin_event_log
WHERE seq <= $up_to AND tenant_id = $tenant_id AND twin_id = $twin_id AND version BETWEEN $first_version AND $last_version
ORDER BY seq;
