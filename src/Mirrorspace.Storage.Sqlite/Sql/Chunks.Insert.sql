INSERT INTO twin_event_chunks (tenant_id, twin_id, first_version, last_version, min_timestamp, max_timestamp, event_count, events)
VALUES ($tenant_id, $twin_id, $first_version, $last_version, $min_timestamp, $max_timestamp, $event_count, $events);
