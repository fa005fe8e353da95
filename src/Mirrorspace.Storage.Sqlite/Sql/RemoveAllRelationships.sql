-- Two statements rather than one OR, so each side uses its own index instead of scanning the tenant.
DELETE FROM relationships
WHERE tenant_id = $tenant_id AND source_id = $twin_id;

DELETE FROM relationships
WHERE tenant_id = $tenant_id AND target_id = $twin_id;
