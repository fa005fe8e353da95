SELECT EXISTS (
  SELECT 1 FROM twin_events WHERE tenant_id = $tenant_id AND twin_id = $twin_id AND version = $version
);
