-- 002-invitations.sql: what sending invitations needs.

-- The reply token of each person and meeting (HMAC of the attendance id
-- with the installation secret): it goes into the Reply-To and ORGANIZER
-- plus-address and the bounce address, and finds the answer row again.
ALTER TABLE attendance ADD COLUMN token TEXT;
CREATE UNIQUE INDEX attendance_token ON attendance(token);
-- 1 once the person was sent a CANCEL for this meeting (removed member).
ALTER TABLE attendance ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0
    CHECK (withdrawn IN (0, 1));

-- Outgoing mail names the answer row it concerns, so a reply that quotes
-- its Message-ID finds the person and meeting without any token in logs.
ALTER TABLE outbox ADD COLUMN attendance_id INTEGER REFERENCES attendance(id);
CREATE INDEX outbox_attendance ON outbox(attendance_id);
