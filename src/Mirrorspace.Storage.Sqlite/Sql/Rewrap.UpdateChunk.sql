UPDATE twin_event_chunks SET events = $events WHERE chunk_id = $chunk_id;
