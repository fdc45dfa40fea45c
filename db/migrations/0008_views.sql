-- Saved views: a name for a query in the query language, run with
-- `--view NAME` by `articles`, `events` and `export`.
CREATE TABLE views (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    query   TEXT NOT NULL,
    created TEXT NOT NULL
);
