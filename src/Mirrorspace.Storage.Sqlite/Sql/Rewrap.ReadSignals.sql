-- Walks by signal id (the cursor's version); a detail is sealed for (twin, time), which it returns too.
SELECT signal_id, twin_id, at, detail
FROM twin_signals
WHERE tenant_id = $tenant_id AND signal_id > $after_version
ORDER BY signal_id
LIMIT $limit;
