SELECT tenant_id, version, document, updated_at
FROM access_policies
WHERE tenant_id = $tenant_id;
