-- The search for the stored event an extracted one repeats now looks, per
-- date precision, only as far back as a date of that precision can reach
-- (a day-precise range a month, a year a year), so the index leads with
-- the precision. It replaces the index of 0002.
DROP INDEX campaign_events_merge;
CREATE INDEX campaign_events_merge ON campaign_events(kind, party_id, date_precision, date_start);
