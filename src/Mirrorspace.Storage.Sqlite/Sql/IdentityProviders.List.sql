SELECT tenant_id, provider_id, issuer, audience, jwks_uri, algorithms, clock_skew_seconds, role_claim, role_rules, clearance_claim,
       purpose_claim, created_at, updated_at
FROM identity_providers
WHERE tenant_id = $tenant_id AND provider_id > $after
ORDER BY provider_id
LIMIT $limit;
