-- A place's articles newest first, and its events in date order, read
-- straight from an index on the place: the first page of a district no
-- longer walks the whole store's sort index looking for the district's
-- rows. Each tie to a place keeps a copy of the sort key, which triggers
-- keep equal to the article's or event's own.
ALTER TABLE article_places ADD COLUMN sort_time INTEGER;
UPDATE article_places
    SET sort_time = (SELECT sort_time FROM articles WHERE id = article_places.article_id);
CREATE INDEX article_places_newest ON article_places(place_id, sort_time, article_id);

CREATE TRIGGER article_places_sort_time AFTER UPDATE OF sort_time ON articles BEGIN
    UPDATE article_places SET sort_time = new.sort_time WHERE article_id = new.id;
END;

ALTER TABLE event_places ADD COLUMN date_start TEXT;
UPDATE event_places
    SET date_start = (SELECT date_start FROM campaign_events WHERE id = event_places.event_id);
-- Serves everything the place index did, in date order.
DROP INDEX event_places_place;
CREATE INDEX event_places_dated ON event_places(place_id, date_start, event_id);

CREATE TRIGGER event_places_date_start AFTER UPDATE OF date_start ON campaign_events BEGIN
    UPDATE event_places SET date_start = new.date_start WHERE event_id = new.id;
END;
