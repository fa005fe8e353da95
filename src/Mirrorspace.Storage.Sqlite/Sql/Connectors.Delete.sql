DELETE FROM connector_files WHERE tenant_id = $tenant_id AND connector_id = $connector_id;
DELETE FROM connectors WHERE tenant_id = $tenant_id AND connector_id = $connector_id;
