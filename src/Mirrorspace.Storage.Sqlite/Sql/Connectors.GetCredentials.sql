SELECT credentials FROM connectors WHERE tenant_id = $tenant_id AND connector_id = $connector_id;
