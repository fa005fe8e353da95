-- Whether another provider, of any tenant, already answers for this issuer and audience.
SELECT count(*)
FROM identity_providers
WHERE issuer = $issuer AND audience = $audience AND NOT (tenant_id = $tenant_id AND provider_id = $provider_id);
