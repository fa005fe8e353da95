-- Migration: SFTP batch-import connectors and the ledger of the files they imported.
-- The schema version is set by SchemaMigrator after this script, so it does not depend on its place.

-- Settings stay clear (the scheduler and the API read them); the credentials are sealed with the
-- tenant's data key before they get here (KeyRingCredentialCipher), bound to tenant and connector.
CREATE TABLE connectors (
  tenant_id TEXT NOT NULL,
  connector_id TEXT NOT NULL,
  host TEXT NOT NULL,
  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  user_name TEXT NOT NULL,
  auth_kind INTEGER NOT NULL,
  credentials TEXT NOT NULL CHECK (credentials LIKE 'enc:%'),
  host_key_fingerprint TEXT NOT NULL,
  remote_folder TEXT NOT NULL,
  file_pattern TEXT NOT NULL,
  format INTEGER NOT NULL,
  interval_ticks INTEGER NOT NULL CHECK (interval_ticks > 0),
  processed INTEGER NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, connector_id)
) STRICT, WITHOUT ROWID;

-- One row per remote file name and content a connector has started or finished: lines before
-- next_line have their verdict; in_doubt_through > 0 marks a window handed to the twins whose
-- outcome was not yet recorded.
CREATE TABLE connector_files (
  tenant_id TEXT NOT NULL,
  connector_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  state INTEGER NOT NULL,
  next_line INTEGER NOT NULL CHECK (next_line >= 1),
  in_doubt_through INTEGER NOT NULL,
  in_doubt_since INTEGER NULL,
  rows_accepted INTEGER NOT NULL,
  rows_refused INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  completed_at INTEGER NULL,
  PRIMARY KEY (tenant_id, connector_id, file_name, content_hash),
  FOREIGN KEY (tenant_id, connector_id) REFERENCES connectors (tenant_id, connector_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
