-- created_at stays: a replaced provider keeps the time it was first configured.
UPDATE identity_providers
SET issuer = $issuer, audience = $audience, jwks_uri = $jwks_uri, algorithms = $algorithms,
    clock_skew_seconds = $clock_skew_seconds, role_claim = $role_claim, role_rules = $role_rules,
    clearance_claim = $clearance_claim, purpose_claim = $purpose_claim, updated_at = $updated_at
WHERE tenant_id = $tenant_id AND provider_id = $provider_id;
