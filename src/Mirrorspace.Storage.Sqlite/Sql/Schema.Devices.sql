-- Migration: device identities. A device reports for one twin of its tenant. Only the hash of its
-- secret or the thumbprint of its certificate is kept. Ids are global: the MQTT user name is the id.
CREATE TABLE devices (
  device_id TEXT NOT NULL PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  twin_id TEXT NOT NULL,
  secret_hash BLOB NULL,
  certificate_thumbprint TEXT NULL UNIQUE,
  enabled INTEGER NOT NULL,
  credential_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((secret_hash IS NULL) <> (certificate_thumbprint IS NULL))
) STRICT;

CREATE INDEX devices_by_tenant ON devices (tenant_id, device_id);
