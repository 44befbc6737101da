-- 008-replies.sql: what calendar replies and corrections record beyond
-- 001-007.

-- The SEQUENCE and DTSTAMP of the last calendar REPLY applied to an
-- answer row: among replies to one SEQUENCE the newest DTSTAMP wins
-- (RFC 5546 section 2.1.5), so an older one that arrives later changes
-- nothing. NULL until a calendar reply is applied.
ALTER TABLE attendance ADD COLUMN reply_seq INTEGER;
ALTER TABLE attendance ADD COLUMN reply_dtstamp INTEGER;

-- What became of a message, for "inbox --json": its outcomes, a comma
-- list of 'answer' (an answer recorded), 'asked' (a question back to the
-- sender), 'coordinator' (an item for the coordinator), 'none' (nothing
-- needed doing: automatic mail, our own mail).
ALTER TABLE inbound ADD COLUMN outcome TEXT;

-- A reply that corrected what was read from an earlier one: misread_of is
-- the earlier message's row; misread_status what it was read as, and the
-- correction's own status is its status.
ALTER TABLE inbound ADD COLUMN misread_of INTEGER REFERENCES inbound(id);
ALTER TABLE inbound ADD COLUMN misread_status TEXT;

-- The sender's own words as read (one line, at most 500 bytes), so that a
-- misreading can be seen and turned into a test case; NULL for automatic
-- mail.
ALTER TABLE inbound ADD COLUMN words TEXT;
