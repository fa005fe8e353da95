SELECT tenant_id, name
FROM tenants
WHERE tenant_id = $tenant_id;
