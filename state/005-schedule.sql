-- 005-schedule.sql: what the scheduled mail records beyond 001-004.

-- What the host duo wrote back after the meeting (a reply to their
-- preparation mail that arrives once the meeting has begun): it goes into
-- the summary. meeting.programme (001) holds what they sent before it.
ALTER TABLE meeting ADD COLUMN insights TEXT;
