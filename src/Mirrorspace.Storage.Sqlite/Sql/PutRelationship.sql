INSERT INTO relationships (tenant_id, source_id, name, target_id, created_at)
VALUES ($tenant_id, $source_id, $name, $target_id, $created_at)
ON CONFLICT (tenant_id, source_id, name, target_id) DO NOTHING;
