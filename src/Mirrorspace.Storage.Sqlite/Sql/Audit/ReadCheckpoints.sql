SELECT tree_size, root_hash, chain_head, timestamp, key_id, signature
FROM audit_checkpoints
ORDER BY tree_size;
