-- Snapshots may arrive out of order; a stale one must never roll the row back.
INSERT INTO twins (tenant_id, twin_id, model_id, model_version, version, deleted, snapshot, updated_at)
VALUES ($tenant_id, $twin_id, $model_id, $model_version, $version, $deleted, $snapshot, $updated_at)
ON CONFLICT (tenant_id, twin_id) DO UPDATE SET
  model_id = excluded.model_id,
  model_version = excluded.model_version,
  version = excluded.version,
  deleted = excluded.deleted,
  snapshot = excluded.snapshot,
  updated_at = excluded.updated_at
WHERE excluded.version >= twins.version;
