INSERT INTO key_rewrap_cursors (tenant_id, target_version, phase, after_id, after_version, scanned, rewritten, unreadable)
VALUES ($tenant_id, $target_version, $phase, $after_id, $after_version, $scanned, $rewritten, $unreadable)
ON CONFLICT (tenant_id) DO UPDATE SET
  target_version = excluded.target_version,
  phase = excluded.phase,
  after_id = excluded.after_id,
  after_version = excluded.after_version,
  scanned = excluded.scanned,
  rewritten = excluded.rewritten,
  unreadable = excluded.unreadable;
