-- The first policy of a tenant; nothing when one is already stored (the caller sees a conflict).
INSERT INTO access_policies (tenant_id, version, document, updated_at)
VALUES ($tenant_id, 1, $document, $updated_at)
ON CONFLICT (tenant_id) DO NOTHING
RETURNING version;
