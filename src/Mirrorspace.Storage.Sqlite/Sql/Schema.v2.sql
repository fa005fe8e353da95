-- Migration 2: keys for encryption at rest. Only wrapped keys are stored, never a key in clear.
-- Key rows carry no foreign key to tenants: a tenant's first data key is created before its row,
-- because the row's name is sealed with it.

-- The master key check value: a constant wrapped under the master key, proving at start that the
-- supplied master key is this database's.
CREATE TABLE key_check (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  check_value BLOB NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- Vault-style policy: new writes use current_version; versions below min_decryption_version refuse to decrypt.
CREATE TABLE tenant_key_policies (
  tenant_id TEXT NOT NULL PRIMARY KEY,
  current_version INTEGER NOT NULL,
  min_decryption_version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (min_decryption_version BETWEEN 1 AND current_version)
) STRICT, WITHOUT ROWID;

-- Tenant data keys, each version wrapped under the master key.
CREATE TABLE tenant_data_keys (
  tenant_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  wrapped_key BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, version)
) STRICT, WITHOUT ROWID;

-- Data subject keys, wrapped under a tenant data key version. Erasing one drops the wrapped key and
-- keeps the row as a tombstone, so "erased" stays distinguishable from "never existed".
CREATE TABLE subject_keys (
  tenant_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  tenant_key_version INTEGER NULL,
  wrapped_key BLOB NULL,
  created_at INTEGER NOT NULL,
  erased_at INTEGER NULL,
  PRIMARY KEY (tenant_id, subject_id),
  CHECK ((erased_at IS NULL AND wrapped_key IS NOT NULL AND tenant_key_version IS NOT NULL)
      OR (erased_at IS NOT NULL AND wrapped_key IS NULL AND tenant_key_version IS NULL))
) STRICT, WITHOUT ROWID;

-- Where each tenant's rewrap pass stands, written in the same transaction as the rows it rewrote.
CREATE TABLE key_rewrap_cursors (
  tenant_id TEXT NOT NULL PRIMARY KEY,
  target_version INTEGER NOT NULL,
  phase INTEGER NOT NULL,
  after_id TEXT NOT NULL,
  after_version INTEGER NOT NULL,
  scanned INTEGER NOT NULL,
  rewritten INTEGER NOT NULL,
  unreadable INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

PRAGMA user_version = 2;
