-- Who issued each key, and whether it is a platform administrator's break-glass grant (read-only,
-- short-lived, every use audited). Keys made before this version have no recorded issuer.
ALTER TABLE api_keys ADD COLUMN issued_by TEXT NULL;
ALTER TABLE api_keys ADD COLUMN break_glass INTEGER NOT NULL DEFAULT 0;

-- The platform administrator's keys, apart from every tenant: no tenant_id, so nothing joins them to
-- a tenant's rows. One is live at a time; replacing it revokes the earlier ones.
CREATE TABLE platform_keys (
  key_id TEXT NOT NULL PRIMARY KEY,
  secret_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER NULL
) STRICT;
