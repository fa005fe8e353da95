-- What a key may touch beyond its role: the most sensitive data class it may read, a purpose of use
-- it declares itself, the resource selectors it is confined to (space-separated; none = the whole
-- tenant), and when an admin revoked it. Keys made before this version read up to proprietary data.
ALTER TABLE api_keys ADD COLUMN clearance TEXT NOT NULL DEFAULT 'proprietary';
ALTER TABLE api_keys ADD COLUMN purpose TEXT NULL;
ALTER TABLE api_keys ADD COLUMN scopes TEXT NULL;
ALTER TABLE api_keys ADD COLUMN revoked_at INTEGER NULL;

-- A tenant's access policy (purposes of use per data class, custom grants and revokes): one JSON
-- document per tenant, versioned for optimistic concurrency.
CREATE TABLE access_policies (
  tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (tenant_id),
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
