-- 007-identity.sql: who a message was taken to be from, and answers that
-- wait for the member to confirm them.

-- How the sender was identified: 'token' (our plus-address), 'reference'
-- (a Message-ID of ours in In-Reply-To or References), 'uid' (the whole
-- calendar UID of one person's invitation), 'sender' (the From address,
-- verified by the receiving server's Authentication-Results),
-- 'sender-unverified' (the From address alone); NULL: nobody.
ALTER TABLE inbound ADD COLUMN via TEXT;

-- An answer read from a message that only its From address tied to a
-- person, which the receiving server did not verify: nothing changes until
-- the person confirms it from their own mailbox (a reply to the mail whose
-- Message-ID is verify_id). One open row per answer row at most.
CREATE TABLE pending_answer (
	id		INTEGER PRIMARY KEY,
	attendance_id	INTEGER NOT NULL REFERENCES attendance(id),
	status		TEXT NOT NULL CHECK (status IN ('accepted', 'declined',
			    'tentative', 'delegated')),
	note		TEXT,
	message_id	TEXT,		-- the unverified message
	sender		TEXT NOT NULL,
	created		INTEGER NOT NULL,
	verify_id	TEXT,		-- the mail that asked the person
	state		TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open',
			    'confirmed', 'denied', 'superseded')),
	closed		INTEGER
);
CREATE INDEX pending_answer_att ON pending_answer(attendance_id, state);
CREATE INDEX pending_answer_verify ON pending_answer(verify_id);
