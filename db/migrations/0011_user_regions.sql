-- Regions a user defines ("my beat"): each is a place of kind 'region' with
-- the key 'user-region:NAME' under Uttar Pradesh, its districts in
-- region_members like a gazetteer region's. This table marks it as the
-- user's and says where it was defined: 'command' (chunav regions add) or
-- the path of the regions file it was read from.
CREATE TABLE user_regions (
    place_id INTEGER PRIMARY KEY REFERENCES places(id) ON DELETE CASCADE,
    source   TEXT NOT NULL,
    created  TEXT NOT NULL
);
