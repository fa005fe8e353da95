-- Newest first; the cursor is the last row's (received_at, quarantine_id).
SELECT quarantine_id, tenant_id, twin_id, device_id, received_at, document, state, decided_at, decided_by
FROM quarantine
WHERE tenant_id = $tenant_id
  AND ($twin_id IS NULL OR twin_id = $twin_id)
  AND ($state IS NULL OR state = $state)
  AND ($after_at IS NULL OR received_at < $after_at OR (received_at = $after_at AND quarantine_id > $after_id))
ORDER BY received_at DESC, quarantine_id
LIMIT $limit;
