-- 003-marked.sql: whether a handled message was also marked (and moved) on
-- the IMAP server. Handling commits first; the mark comes after, so a
-- crash in between leaves marked = 0 and the next run marks it.
ALTER TABLE inbound ADD COLUMN marked INTEGER NOT NULL DEFAULT 0
    CHECK (marked IN (0, 1));
-- Messages recorded before this column existed were marked then.
UPDATE inbound SET marked = 1;
CREATE INDEX inbound_unmarked ON inbound(uidvalidity) WHERE marked = 0;
