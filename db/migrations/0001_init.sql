-- chunav store, first schema. Applied by store::migrate inside one exclusive
-- transaction; PRAGMA user_version counts the migrations applied.
-- Never edit a migration that has shipped: add a new numbered file instead.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE outlets (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    host TEXT
);

-- The gazetteer. `key` is stable across gazetteer releases ("district:gorakhpur"),
-- so ids survive a reload of the reference data.
CREATE TABLE places (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL CHECK (kind IN ('country', 'state', 'region', 'division',
                                            'district', 'assembly_constituency', 'town')),
    name_en   TEXT NOT NULL,
    name_hi   TEXT,
    parent_id INTEGER REFERENCES places(id),
    code      TEXT,           -- LGD district code, ISO 3166-2 state code, AC number
    latitude  REAL,
    longitude REAL,
    note      TEXT,           -- a region's definition, a name's known ambiguity
    ambiguity TEXT            -- '|'-separated tags: common-noun, surname, other-place:...
);
CREATE INDEX places_parent ON places(parent_id);
CREATE INDEX places_kind ON places(kind, name_en);

-- Every name a place is written by; `folded` is text::fold(alias).
CREATE TABLE place_aliases (
    place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    alias    TEXT NOT NULL,
    folded   TEXT NOT NULL,
    PRIMARY KEY (place_id, alias)
) WITHOUT ROWID;
CREATE INDEX place_aliases_folded ON place_aliases(folded);

-- A region is a named set of districts; which definition is used is in places.note.
CREATE TABLE region_members (
    region_id   INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    district_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    PRIMARY KEY (region_id, district_id)
) WITHOUT ROWID;
CREATE INDEX region_members_district ON region_members(district_id);

CREATE TABLE parties (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL,
    name_hi TEXT,
    colour  TEXT
);

-- context_only: a colloquial name (मजलिस, हाथी) that means the party only in a
-- political sentence.
CREATE TABLE party_aliases (
    party_id     INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    alias        TEXT NOT NULL,
    folded       TEXT NOT NULL,
    context_only INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (party_id, alias)
) WITHOUT ROWID;
CREATE INDEX party_aliases_folded ON party_aliases(folded);

CREATE TABLE people (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    name_en  TEXT NOT NULL,
    name_hi  TEXT,
    party_id INTEGER REFERENCES parties(id),
    role     TEXT
);

CREATE TABLE person_aliases (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    folded    TEXT NOT NULL,
    PRIMARY KEY (person_id, alias)
) WITHOUT ROWID;
CREATE INDEX person_aliases_folded ON person_aliases(folded);

CREATE TABLE articles (
    id                INTEGER PRIMARY KEY,
    external_id       TEXT,
    url               TEXT UNIQUE,
    outlet_id         INTEGER REFERENCES outlets(id),
    title             TEXT NOT NULL,
    standfirst        TEXT,
    author            TEXT,
    editor            TEXT,
    dateline          TEXT,
    dateline_place_id INTEGER REFERENCES places(id),
    published_at      TEXT,     -- RFC 3339 with the offset as published
    updated_at        TEXT,
    -- Unix seconds used for ordering and date filters: the publication time,
    -- or the import time for an undated article.
    sort_time         INTEGER NOT NULL,
    language          TEXT NOT NULL CHECK (language IN ('hi', 'en', 'other')),
    body              TEXT NOT NULL,
    content_hash      TEXT NOT NULL,
    title_key         TEXT NOT NULL, -- text::fold(title), to recognise a re-published copy
    source_file       TEXT,
    source_line       INTEGER,
    imported_at       TEXT NOT NULL,
    sample            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_sort ON articles(sort_time DESC, id DESC);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_title_key ON articles(title_key);
CREATE INDEX articles_external ON articles(external_id);
CREATE INDEX articles_dateline ON articles(dateline_place_id, sort_time DESC, id DESC);
CREATE INDEX articles_language ON articles(language, sort_time DESC, id DESC);
CREATE INDEX articles_outlet ON articles(outlet_id);

-- What an article names: places, parties and people, with character offsets
-- into the field (title, standfirst, dateline or body) they were found in.
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_kind TEXT NOT NULL CHECK (entity_kind IN ('place', 'party', 'person')),
    entity_id   INTEGER NOT NULL,
    field       TEXT NOT NULL CHECK (field IN ('title', 'standfirst', 'dateline', 'body')),
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    matched     TEXT NOT NULL,
    rule        TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_kind, entity_id, article_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE campaign_events (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    party_id       INTEGER REFERENCES parties(id),
    summary        TEXT NOT NULL,
    date_start     TEXT,         -- ISO date, first day the precision allows
    date_end       TEXT,         -- ISO date, last day the precision allows
    date_precision TEXT NOT NULL CHECK (date_precision IN
                       ('day', 'week', 'month', 'quarter', 'year', 'reported')),
    date_text      TEXT,         -- the date as written
    status         TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'happened', 'cancelled')),
    confidence     REAL NOT NULL DEFAULT 0.5,
    review_state   TEXT NOT NULL DEFAULT 'unreviewed'
                       CHECK (review_state IN ('unreviewed', 'confirmed', 'rejected', 'edited')),
    created_at     TEXT NOT NULL
);
CREATE INDEX campaign_events_date ON campaign_events(date_start, id);
CREATE INDEX campaign_events_party ON campaign_events(party_id, date_start);
CREATE INDEX campaign_events_kind ON campaign_events(kind, date_start);

-- Each article that reports an event, with the sentence that is its evidence.
CREATE TABLE event_sources (
    event_id       INTEGER NOT NULL REFERENCES campaign_events(id) ON DELETE CASCADE,
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    evidence       TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    PRIMARY KEY (event_id, article_id, evidence_start)
) WITHOUT ROWID;
CREATE INDEX event_sources_article ON event_sources(article_id);

CREATE TABLE event_places (
    event_id INTEGER NOT NULL REFERENCES campaign_events(id) ON DELETE CASCADE,
    place_id INTEGER NOT NULL REFERENCES places(id),
    PRIMARY KEY (event_id, place_id)
) WITHOUT ROWID;
CREATE INDEX event_places_place ON event_places(place_id, event_id);

CREATE TABLE event_people (
    event_id  INTEGER NOT NULL REFERENCES campaign_events(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
CREATE INDEX event_people_person ON event_people(person_id, event_id);

-- Full-text search over the folded search key (text::fold) of title,
-- standfirst and body. Contentless, so the original text is stored once; the
-- triggers call chunav_fold, which store::open registers on every connection.
-- The tokenizer keeps combining marks (M*) inside tokens: with unicode61's
-- default categories a Devanagari word splits at every vowel sign.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 categories 'L* N* Co M*'"
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body)
    VALUES (new.id, chunav_fold(new.title),
            chunav_fold(coalesce(new.standfirst, '') || char(10) || new.body));
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, standfirst, body ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT INTO articles_fts (rowid, title, body)
    VALUES (new.id, chunav_fold(new.title),
            chunav_fold(coalesce(new.standfirst, '') || char(10) || new.body));
END;
