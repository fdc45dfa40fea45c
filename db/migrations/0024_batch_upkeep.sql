-- An import writes each new event, then its places, people and sources,
-- and the triggers rewrote the event's timeline row at every step: four
-- writes of a wide row an event, a third of what storing an event cost.
-- Inside an import batch's transaction `deferred` is 1: the triggers that
-- follow a new event and its places and people then wait, the import
-- writes the event's row whole once it has them all, and the batch counts
-- one change to the place tree when it commits (store::ImportBatch). The
-- batch sets `deferred` back to 0 before it commits, and a batch rolled
-- back never set it, so no one else ever sees 1. A new source of an event
-- already listed, and every removal, are still followed as they happen.
CREATE TABLE batch_upkeep (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    deferred INTEGER NOT NULL CHECK (deferred IN (0, 1))
);
INSERT INTO batch_upkeep (id, deferred) VALUES (1, 0);

DROP TRIGGER event_listing_added;
CREATE TRIGGER event_listing_added AFTER INSERT ON campaign_events
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    INSERT INTO event_listing (sort_date, id, kind, party_id, date_start, date_end,
                               date_precision, date_text, status, confidence, review_state)
    VALUES (coalesce(new.date_start, ''), new.id, new.kind, new.party_id, new.date_start,
            new.date_end, new.date_precision, new.date_text, new.status, new.confidence,
            new.review_state);
END;

DROP TRIGGER event_listing_place_added;
CREATE TRIGGER event_listing_place_added AFTER INSERT ON event_places
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE event_listing
    SET places = coalesce((SELECT group_concat(p.name_en, char(31))
                           FROM event_places ep JOIN places p ON p.id = ep.place_id
                           WHERE ep.event_id = new.event_id), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = new.event_id), '')
      AND id = new.event_id;
END;

DROP TRIGGER event_listing_person_added;
CREATE TRIGGER event_listing_person_added AFTER INSERT ON event_people
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE event_listing
    SET people = coalesce((SELECT group_concat(p.name_en, char(31))
                           FROM event_people ep JOIN people p ON p.id = ep.person_id
                           WHERE ep.event_id = new.event_id), '')
    WHERE sort_date = coalesce((SELECT date_start FROM campaign_events WHERE id = new.event_id), '')
      AND id = new.event_id;
END;

DROP TRIGGER tally_article_place_added;
CREATE TRIGGER tally_article_place_added AFTER INSERT ON article_places
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;

DROP TRIGGER tally_event_place_added;
CREATE TRIGGER tally_event_place_added AFTER INSERT ON event_places
WHEN NOT (SELECT deferred FROM batch_upkeep) BEGIN
    UPDATE tally_state SET changes = changes + 1;
END;
