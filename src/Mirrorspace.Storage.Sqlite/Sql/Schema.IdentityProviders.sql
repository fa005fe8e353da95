-- Migration: external OpenID Connect issuers a tenant trusts. Nothing here is secret (the issuer's keys
-- are public and fetched from jwks_uri), so it stays clear: a token is routed by issuer and audience
-- before its tenant is known. The pair is unique across tenants, so a token can never fit two tenants.
CREATE TABLE identity_providers (
  tenant_id TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  issuer TEXT NOT NULL,
  audience TEXT NOT NULL,
  jwks_uri TEXT NOT NULL,
  algorithms TEXT NOT NULL,
  clock_skew_seconds INTEGER NOT NULL CHECK (clock_skew_seconds BETWEEN 0 AND 300),
  role_claim TEXT NOT NULL,
  role_rules TEXT NOT NULL,
  clearance_claim TEXT NULL,
  purpose_claim TEXT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, provider_id),
  UNIQUE (issuer, audience)
) STRICT, WITHOUT ROWID;
