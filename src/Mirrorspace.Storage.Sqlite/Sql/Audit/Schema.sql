-- Audit migration 1: the audit log, in its own file (audit.db) beside mirrorspace.db.
-- sequence is the rowid: entries are dense from 1 and always appended at the end.
-- hash is the entry's link in the chain, SHA-256(previous hash || canonical entry bytes).
-- properties is a JSON array of property names (never values), or NULL.
-- Timestamps are UTC ticks, as in mirrorspace.db.

CREATE TABLE audit_entries (
  sequence INTEGER NOT NULL PRIMARY KEY,
  timestamp INTEGER NOT NULL,
  tenant_id TEXT NULL,
  principal TEXT NOT NULL,
  action TEXT NOT NULL,
  resource TEXT NULL,
  outcome TEXT NOT NULL,
  reason TEXT NULL,
  remote_address TEXT NULL,
  properties TEXT NULL,
  purpose TEXT NULL,
  hash BLOB NOT NULL
) STRICT;

CREATE INDEX audit_entries_by_tenant ON audit_entries (tenant_id, sequence);

CREATE TABLE audit_checkpoints (
  tree_size INTEGER NOT NULL PRIMARY KEY,
  root_hash BLOB NOT NULL,
  chain_head BLOB NOT NULL,
  timestamp INTEGER NOT NULL,
  key_id TEXT NOT NULL,
  signature BLOB NOT NULL
) STRICT;

-- Append-only against mistakes, not against an attacker (who can drop a trigger): that is the
-- chain's and the signed checkpoints' job.
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;

CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;

PRAGMA user_version = 1;
