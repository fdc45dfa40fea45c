-- A user's own marks on articles and events: free tags, many per item, and
-- one note. `folded` is text::fold(tag): tags match whatever their case or
-- spelling variant, and show as first written. "follow-up" is one of them.
-- An event's tags and note follow it through reextract (store::save_extraction).
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    folded     TEXT NOT NULL,
    tag        TEXT NOT NULL,
    added      TEXT NOT NULL,
    PRIMARY KEY (article_id, folded)
) WITHOUT ROWID;
CREATE INDEX article_tags_folded ON article_tags(folded, article_id);

CREATE TABLE event_tags (
    event_id INTEGER NOT NULL REFERENCES campaign_events(id) ON DELETE CASCADE,
    folded   TEXT NOT NULL,
    tag      TEXT NOT NULL,
    added    TEXT NOT NULL,
    PRIMARY KEY (event_id, folded)
) WITHOUT ROWID;
CREATE INDEX event_tags_folded ON event_tags(folded, event_id);

CREATE TABLE article_notes (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    updated    TEXT NOT NULL
);

CREATE TABLE event_notes (
    event_id INTEGER PRIMARY KEY REFERENCES campaign_events(id) ON DELETE CASCADE,
    text     TEXT NOT NULL,
    updated  TEXT NOT NULL
);
