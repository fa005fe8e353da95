DELETE FROM relationships
WHERE tenant_id = $tenant_id AND source_id = $source_id AND name = $name AND target_id = $target_id;
