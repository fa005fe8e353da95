INSERT INTO audit_checkpoints (tree_size, root_hash, chain_head, timestamp, key_id, signature)
VALUES ($tree_size, $root_hash, $chain_head, $timestamp, $key_id, $signature)
ON CONFLICT (tree_size) DO NOTHING;
