DELETE FROM identity_providers WHERE tenant_id = $tenant_id AND provider_id = $provider_id;
