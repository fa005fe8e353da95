SELECT model_id, version, document
FROM models
WHERE tenant_id = $tenant_id AND (model_id, version) > ($after_id, $after_version)
ORDER BY model_id, version
LIMIT $limit;
