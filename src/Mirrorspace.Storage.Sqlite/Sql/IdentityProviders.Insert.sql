INSERT INTO identity_providers (tenant_id, provider_id, issuer, audience, jwks_uri, algorithms, clock_skew_seconds, role_claim,
                                role_rules, clearance_claim, purpose_claim, created_at, updated_at)
VALUES ($tenant_id, $provider_id, $issuer, $audience, $jwks_uri, $algorithms, $clock_skew_seconds, $role_claim,
        $role_rules, $clearance_claim, $purpose_claim, $created_at, $updated_at)
ON CONFLICT (tenant_id, provider_id) DO NOTHING;
