-- Migration: the indexed history holds chunks of events instead of one row per event.
-- The indexer used to insert every event into two b-trees clustered by twin (the primary key and
-- the time index): a page per twin per batch in each, and the key of every event twice. A chunk
-- holds up to 128 consecutive versions of one twin as a JSON array of
-- [version, timestamp, kind, payload, source], so a move writes one row and one index entry per
-- twin instead of per event. Rows are in rowid order (large rows belong in a rowid table); the
-- index finds a twin's chunks by version and carries their bounds, so a range or time window is
-- decided from the index alone and only the chunks it needs are read.
-- A twin's chunks never overlap in versions (the indexer keeps it so, see EventLogIndexing), so in
-- last_version order they are in version order. Events already indexed move into chunks here; the
-- 128 is the indexer's chunk size, though any size would keep the history correct.
-- The schema version is set by the migrator, so this script does not depend on its position.

CREATE TABLE twin_event_chunks (
  chunk_id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
  twin_id TEXT NOT NULL,
  first_version INTEGER NOT NULL,
  last_version INTEGER NOT NULL,
  min_timestamp INTEGER NOT NULL,
  max_timestamp INTEGER NOT NULL,
  event_count INTEGER NOT NULL,
  events TEXT NOT NULL
) STRICT;

CREATE INDEX twin_event_chunks_by_version
  ON twin_event_chunks (tenant_id, twin_id, last_version, first_version, min_timestamp, max_timestamp);

INSERT INTO twin_event_chunks (tenant_id, twin_id, first_version, last_version, min_timestamp, max_timestamp, event_count, events)
SELECT tenant_id, twin_id, min(version), max(version), min(timestamp), max(timestamp), count(*),
       json_group_array(json_array(version, timestamp, kind, payload, source))
FROM twin_events
GROUP BY tenant_id, twin_id, version / 128
ORDER BY tenant_id, twin_id, version / 128;

DROP TABLE twin_events;
