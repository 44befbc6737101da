-- 006-question.sql: the words of a question forwarded to the coordinator,
-- one line of at most 300 bytes, so the digest can show what was asked;
-- NULL for every other message.
ALTER TABLE inbound ADD COLUMN question TEXT;
