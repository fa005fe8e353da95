SELECT signal_id, tenant_id, twin_id, at, kind, property, device_id, verdict, detail
FROM twin_signals
WHERE tenant_id = $tenant_id AND twin_id = $twin_id AND signal_id > $after
ORDER BY signal_id
LIMIT $limit;
