-- No query finds articles through their mentions any longer: filters and
-- counts read each article's places and names, kept once each
-- (migrations 0006, 0017 and 0019). The index of mentions by what they
-- name cost the import 23 inserts an article at scattered places in it.
-- Mentions stay, by article, as the evidence of what was found where.
DROP INDEX mentions_entity;
