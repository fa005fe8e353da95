SELECT tenant_id, name, created_at
FROM tenants
ORDER BY tenant_id;
