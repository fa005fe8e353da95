-- Migration: the history gets an arrival-ordered tail in front of it.
-- A commit appends its events to twin_event_log, whose rowid grows with every insert: a group of
-- events from many twins lands on a few consecutive pages instead of one scattered leaf per twin
-- in each of twin_events' two b-trees. A background indexer moves the log into twin_events (same
-- columns, clustered by twin and version) in large, twin-sorted batches, one transaction each;
-- readers read both. Events already in twin_events stay where they are.
-- The schema version is set by the migrator, so this script does not depend on its position.

CREATE TABLE twin_event_log (
  seq INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
  twin_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  payload TEXT NOT NULL,
  source TEXT NOT NULL
) STRICT;

-- Where the indexer puts a log row whose (tenant, twin, version) is already taken by a different
-- event. The store's own commit check makes that impossible while one store appends to the file;
-- should a second writer ever break that, its rows are kept here as evidence instead of being
-- dropped or blocking the indexer. Readers do not see them.
CREATE TABLE twin_event_conflicts (
  seq INTEGER NOT NULL,
  tenant_id TEXT NOT NULL,
  twin_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  payload TEXT NOT NULL,
  source TEXT NOT NULL
) STRICT;

CREATE INDEX twin_event_conflicts_by_tenant ON twin_event_conflicts (tenant_id);
