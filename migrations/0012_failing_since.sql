-- v12: when a repository's current run of failed polls began (the status page says "failing since"):
-- set by the first failure, cleared by the next successful poll.
ALTER TABLE repositories ADD COLUMN failing_since INTEGER;
