SELECT tenant_id, model_id, version, document, created_at
FROM models
WHERE tenant_id = $tenant_id AND model_id = $model_id
ORDER BY version DESC
LIMIT 1;
