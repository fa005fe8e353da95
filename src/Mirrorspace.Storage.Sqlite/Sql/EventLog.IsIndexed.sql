-- Chunks do not overlap, so the only one that can hold the version is the first ending at or after it.
SELECT EXISTS (
  SELECT 1
  FROM (
    SELECT first_version, events
    FROM twin_event_chunks
    WHERE tenant_id = $tenant_id AND twin_id = $twin_id AND last_version >= $version
    ORDER BY last_version
    LIMIT 1) AS c,
    json_each(c.events) AS e
  WHERE c.first_version <= $version AND e.value ->> 0 = $version
);
