SELECT tenant_id, name, created_at
FROM tenants
WHERE tenant_id = $tenant_id;
