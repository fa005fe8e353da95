-- Migration: trust in sensor data. Devices gain a signing policy, the last accepted sequence number
-- and a trust score; held (quarantined) readings and the signals feed get tables of their own.
-- Documents and details may quote values and are stored sealed, like event payloads.
ALTER TABLE devices ADD COLUMN signing_algorithm TEXT NULL;
ALTER TABLE devices ADD COLUMN signing_key TEXT NULL;
ALTER TABLE devices ADD COLUMN last_sequence INTEGER NULL;
ALTER TABLE devices ADD COLUMN trust REAL NOT NULL DEFAULT 1.0;

CREATE TABLE quarantine (
  quarantine_id TEXT NOT NULL PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  twin_id TEXT NOT NULL,
  device_id TEXT NULL,
  received_at INTEGER NOT NULL,
  document TEXT NOT NULL,
  state INTEGER NOT NULL,
  decided_at INTEGER NULL,
  decided_by TEXT NULL
) STRICT;

CREATE INDEX quarantine_by_tenant ON quarantine (tenant_id, received_at DESC, quarantine_id);
CREATE INDEX quarantine_by_twin ON quarantine (tenant_id, twin_id, received_at DESC, quarantine_id);

CREATE TABLE twin_signals (
  signal_id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL,
  twin_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  property TEXT NULL,
  device_id TEXT NULL,
  verdict TEXT NOT NULL,
  detail TEXT NOT NULL
) STRICT;

CREATE INDEX twin_signals_by_twin ON twin_signals (tenant_id, twin_id, signal_id);
