-- Finding the stored event an extracted one repeats looks up events of one
-- kind and party whose dates overlap; without this index every import
-- scanned all events of the kind, which grew with the store.
CREATE INDEX campaign_events_merge ON campaign_events(kind, party_id, date_start);
