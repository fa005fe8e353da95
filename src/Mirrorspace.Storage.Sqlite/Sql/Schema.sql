-- Migration 1: the initial schema.
-- Every key leads with tenant_id, so a tenant's rows are contiguous and no lookup can cross tenants.
-- Timestamps are UTC ticks (DateTimeOffset.UtcTicks) so they round-trip exactly.
-- Small, hot rows (events, relationships) are WITHOUT ROWID: one b-tree per insert instead of two,
-- and a twin's events sit clustered in version order. Rows with large documents keep a rowid.

CREATE TABLE tenants (
  tenant_id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE api_keys (
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
  key_id TEXT NOT NULL PRIMARY KEY,
  role TEXT NOT NULL,
  secret_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NULL,
  description TEXT NULL
) STRICT;

CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, key_id);

CREATE TABLE models (
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
  model_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, model_id, version)
) STRICT;

CREATE TABLE twins (
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
  twin_id TEXT NOT NULL,
  model_id TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  snapshot TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, twin_id)
) STRICT;

CREATE TABLE twin_events (
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
  twin_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  payload TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (tenant_id, twin_id, version)
) STRICT, WITHOUT ROWID;

CREATE INDEX twin_events_by_time ON twin_events (tenant_id, twin_id, timestamp);

CREATE TABLE relationships (
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
  source_id TEXT NOT NULL,
  name TEXT NOT NULL,
  target_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, source_id, name, target_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX relationships_by_target ON relationships (tenant_id, target_id);

PRAGMA user_version = 1;
