-- The longest an event of each date precision lasts, read from this index
-- in one step. Finding the stored event an extracted one repeats took the
-- longest a date of its precision could last (31 days for a day's date,
-- which a range such as "12 to 14 January" may have) as how far before it
-- an overlapping event could start, and tested every event of the kind and
-- party in that month: some hundred at 100,000 articles, ten times more at
-- a million. Stored day dates last a day or a few; the import now looks
-- back as far as the longest stored one. Filters on dates read the longest
-- of all events as the longest of each precision's.
DROP INDEX campaign_events_span;
CREATE INDEX campaign_events_span ON campaign_events(
    date_precision, julianday(date_end) - julianday(date_start)
);
