-- Deleted twins too: their snapshots are encrypted like any other.
SELECT twin_id, version, snapshot
FROM twins
WHERE tenant_id = $tenant_id AND twin_id > $after_id
ORDER BY twin_id
LIMIT $limit;
