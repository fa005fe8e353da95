SELECT target_version, phase, after_id, after_version, scanned, rewritten, unreadable
FROM key_rewrap_cursors
WHERE tenant_id = $tenant_id;
