INSERT INTO tenants (tenant_id, name, created_at)
VALUES ($tenant_id, $name, $created_at)
ON CONFLICT (tenant_id) DO NOTHING;
