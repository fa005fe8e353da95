DELETE FROM twin_event_chunks WHERE chunk_id = $chunk_id;
