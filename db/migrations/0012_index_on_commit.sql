-- Imported articles enter the full-text index once per batch, when the
-- batch commits (store::ImportBatch), in one statement. The triggers that
-- indexed each article as it was written made the index write its pending
-- terms out after every article, which cost an import about a tenth of its
-- time. Deleting an article still removes its entry through the trigger.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_update;
