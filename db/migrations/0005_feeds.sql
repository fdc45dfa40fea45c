-- Feed subscriptions and what the last fetch of each learnt. `etag` and
-- `last_modified` are sent back as If-None-Match and If-Modified-Since, so
-- an unchanged feed costs one short response.

CREATE TABLE feeds (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    url            TEXT NOT NULL UNIQUE,
    added_at       TEXT NOT NULL,
    etag           TEXT,
    last_modified  TEXT,
    fetched_at     TEXT,          -- the last attempt, successful or not
    last_status    TEXT,          -- 'ok', 'not-modified' or 'failed'
    last_error     TEXT,
    new_articles   INTEGER NOT NULL DEFAULT 0   -- in the last fetch
);
