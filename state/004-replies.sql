-- 004-replies.sql: what the replies work records beyond 001-003.

-- The return date an out-of-office reply names (Unix seconds, local
-- midnight of that day in the configured zone); NULL when none was given.
ALTER TABLE inbound ADD COLUMN return_at INTEGER;
-- The day (Unix seconds of local midnight) a bounce was last counted for
-- the member, so an address bouncing all day long scores once a day.
ALTER TABLE member ADD COLUMN bounce_day INTEGER;
