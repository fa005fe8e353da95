-- Published versions are immutable: an existing version is never overwritten.
INSERT INTO models (tenant_id, model_id, version, document, created_at)
VALUES ($tenant_id, $model_id, $version, $document, $created_at)
ON CONFLICT (tenant_id, model_id, version) DO NOTHING;
