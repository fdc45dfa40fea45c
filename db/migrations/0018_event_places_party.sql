-- Each tie of an event to a place keeps a copy of the event's party too,
-- in the index a place's timeline is read along (migration 0014): a
-- timeline filtered to a district and a party tests the party there and
-- reads only the events that pass, instead of every event of the district.
ALTER TABLE event_places ADD COLUMN party_id INTEGER;
UPDATE event_places
    SET party_id = (SELECT party_id FROM campaign_events WHERE id = event_places.event_id);
DROP INDEX event_places_dated;
CREATE INDEX event_places_dated ON event_places(place_id, date_start, event_id, party_id);

CREATE TRIGGER event_places_party AFTER UPDATE OF party_id ON campaign_events BEGIN
    UPDATE event_places SET party_id = new.party_id WHERE event_id = new.id;
END;
