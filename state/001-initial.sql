-- 001-initial.sql: the first schema. Times are Unix seconds (UTC);
-- a meeting also keeps its IANA time zone so local times can be shown.
-- Addresses are stored lower-cased.

-- One row: the per-installation secret that reply tokens are made with.
CREATE TABLE installation (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	secret		BLOB NOT NULL CHECK (length(secret) >= 32),
	created		INTEGER NOT NULL
);

CREATE TABLE network (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
	created		INTEGER NOT NULL
);

CREATE TABLE member (
	id		INTEGER PRIMARY KEY,
	network_id	INTEGER NOT NULL REFERENCES network(id),
	email		TEXT NOT NULL CHECK (email = lower(email)),
	name		TEXT NOT NULL,
	organisation	TEXT,
	role		TEXT,		-- bestuurder, zorgkantoor, ministerie, …
	org_size	INTEGER,	-- employees of the organisation
	experience	INTEGER,	-- years as an executive
	region		TEXT,
	lang		TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	joined		INTEGER NOT NULL,
	left_at		INTEGER,
	bounce_score	REAL NOT NULL DEFAULT 0,
	bouncing	INTEGER NOT NULL DEFAULT 0 CHECK (bouncing IN (0, 1)),
	UNIQUE (network_id, email)
);
CREATE INDEX member_email ON member(email);

CREATE TABLE meeting (
	id		INTEGER PRIMARY KEY,
	network_id	INTEGER NOT NULL REFERENCES network(id),
	start_at	INTEGER NOT NULL,
	end_at		INTEGER NOT NULL,
	tzid		TEXT NOT NULL,
	location	TEXT NOT NULL CHECK (length(location) > 0),
	theme		TEXT,
	status		TEXT NOT NULL DEFAULT 'confirmed'
			CHECK (status IN ('confirmed', 'cancelled')),
	uid		TEXT NOT NULL UNIQUE,	-- iCalendar UID stem
	sequence	INTEGER NOT NULL DEFAULT 0,
	programme	TEXT,			-- what the host duo sent
	created		INTEGER NOT NULL,
	CHECK (end_at > start_at)
);
CREATE INDEX meeting_start ON meeting(network_id, start_at);

-- The host duo of a meeting.
CREATE TABLE host (
	meeting_id	INTEGER NOT NULL REFERENCES meeting(id),
	member_id	INTEGER NOT NULL REFERENCES member(id),
	PRIMARY KEY (meeting_id, member_id)
);

-- People invited to one meeting who are not members.
CREATE TABLE guest (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meeting(id),
	email		TEXT NOT NULL CHECK (email = lower(email)),
	name		TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
	created		INTEGER NOT NULL,
	UNIQUE (meeting_id, email)
);

-- Per person and meeting: the answer (latest wins), and the register.
-- Exactly one of member_id and guest_id is set.
CREATE TABLE attendance (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meeting(id),
	member_id	INTEGER REFERENCES member(id),
	guest_id	INTEGER REFERENCES guest(id),
	status		TEXT NOT NULL DEFAULT 'needs-action'
			CHECK (status IN ('needs-action', 'accepted', 'declined',
			    'tentative', 'delegated')),
	note		TEXT,
	source		TEXT NOT NULL DEFAULT 'created',  -- created, admin, mail, imip
	updated		INTEGER NOT NULL,
	invited_seq	INTEGER,	-- SEQUENCE last sent; NULL: not invited
	present		INTEGER CHECK (present IN (0, 1)),  -- NULL: not recorded
	CHECK ((member_id IS NULL) <> (guest_id IS NULL)),
	UNIQUE (meeting_id, member_id),
	UNIQUE (meeting_id, guest_id)
);

-- Every change of an answer. stale: superseded by a change of the meeting.
CREATE TABLE attendance_history (
	id		INTEGER PRIMARY KEY,
	attendance_id	INTEGER NOT NULL REFERENCES attendance(id),
	old_status	TEXT,
	new_status	TEXT NOT NULL,
	note		TEXT,
	source		TEXT NOT NULL,
	message_id	TEXT,
	stale		INTEGER NOT NULL DEFAULT 0,
	at		INTEGER NOT NULL
);
CREATE INDEX attendance_history_att ON attendance_history(attendance_id);

-- Every message taken from the inbox, and what it did.
CREATE TABLE inbound (
	id		INTEGER PRIMARY KEY,
	uidvalidity	INTEGER NOT NULL,
	uid		INTEGER NOT NULL,
	message_id	TEXT,
	received	INTEGER NOT NULL,
	sender		TEXT,
	kind		TEXT NOT NULL CHECK (kind IN ('rsvp', 'question',
			    'join_request', 'leave_request', 'autoreply', 'bounce',
			    'counter', 'noise', 'not_member', 'unreadable')),
	member_id	INTEGER REFERENCES member(id),
	meeting_id	INTEGER REFERENCES meeting(id),
	status		TEXT,
	note		TEXT,
	effect		TEXT,		-- what was done, for `mailbot inbox`
	UNIQUE (uidvalidity, uid)
);
CREATE INDEX inbound_message_id ON inbound(message_id);

-- Mail waiting to be sent, and what became of it.
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	message_id	TEXT NOT NULL UNIQUE,
	kind		TEXT NOT NULL,		-- X-Mailbot-Kind
	env_from	TEXT NOT NULL,
	rcpt		TEXT NOT NULL,
	body		BLOB NOT NULL,
	meeting_id	INTEGER REFERENCES meeting(id),
	member_id	INTEGER REFERENCES member(id),
	state		TEXT NOT NULL DEFAULT 'queued'
			CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	queued		INTEGER NOT NULL,
	next_try	INTEGER NOT NULL,
	done		INTEGER,
	last_error	TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_try);

-- Scheduled mail that was decided: the key makes it once and only once.
CREATE TABLE job (
	key		TEXT PRIMARY KEY,	-- kind:meeting:member:offset
	done_at		INTEGER NOT NULL
);
