-- Each article's parties and people, once each, as article_places holds
-- its places. A filter on a party tests an article here: a lookup in a
-- small table, where the mentions index holds an entry for every time an
-- article names anything (23 an article) and a cold lookup in it reads
-- from disk far more often.
CREATE TABLE article_names (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_kind TEXT NOT NULL CHECK (entity_kind IN ('party', 'person')),
    entity_id   INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_kind, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_names_entity ON article_names(entity_kind, entity_id, article_id);

INSERT OR IGNORE INTO article_names (article_id, entity_kind, entity_id)
    SELECT article_id, entity_kind, entity_id FROM mentions
    WHERE entity_kind IN ('party', 'person')
    ORDER BY article_id, entity_kind, entity_id;
