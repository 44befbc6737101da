#!/usr/bin/python3
"""ics_fields.py: the twin of tests/tools/ics_fields.c with a second parser,
python3-icalendar (Debian 12 ships 4.0.3). Reads an iCalendar file (path,
or - for standard input) and prints the same KEY=value lines.

DTSTART_UTC and DTEND_UTC come from the file's own VTIMEZONE. icalendar
4.x does not do that by itself: for a TZID that pytz knows (Europe/Amsterdam)
it takes pytz's zone from the system and ignores the VTIMEZONE, and it
uses a VTIMEZONE only for names pytz does not know. So this script keeps
just the wall-clock time and localises it with the zone that
Timezone.to_tz() builds from the VTIMEZONE in the file. A TZID without a
VTIMEZONE is an error, as in the C tool. Exit 1 when the text does not
parse or lacks a VEVENT.
"""
import sys

import pytz
from icalendar import Calendar


def field(key, value):
    text = '' if value is None else str(value)
    text = text.replace('\\', '\\\\').replace('\r', '').replace('\n', '\\n')
    print('%s=%s' % (key, text))


def vtimezone(cal, tzid):
    for tz in cal.walk('VTIMEZONE'):
        if str(tz.get('TZID')) == tzid:
            return tz
    return None


def instant(cal, prop):
    """(UTC datetime, TZID) of a DTSTART or DTEND."""
    if prop is None:
        raise ValueError('missing')
    tzid = prop.params.get('TZID')
    raw = prop.to_ical().decode('ascii')
    if raw.endswith('Z'):
        return prop.dt.astimezone(pytz.utc), 'UTC'
    if tzid is None:
        raise ValueError('floating time %s' % raw)
    vtz = vtimezone(cal, tzid)
    if vtz is None:
        raise ValueError('no VTIMEZONE for TZID %s' % tzid)
    wall = prop.dt.replace(tzinfo=None)
    # RFC 5545 3.3.5: a wall clock that happens twice means the first.
    local = vtz.to_tz().localize(wall, is_dst=True)
    return local.astimezone(pytz.utc), str(tzid)


def alarm_last(text):
    """yes when the first VEVENT ends with a VALARM (icalendar keeps
    properties and sub-components apart, so read the unfolded text)."""
    unfolded = text.replace('\r\n', '\n').replace('\r', '\n')
    unfolded = unfolded.replace('\n ', '').replace('\n\t', '')
    in_event = after_alarm = False
    for line in unfolded.split('\n'):
        upper = line.upper()
        if upper == 'BEGIN:VEVENT':
            in_event = True
        elif in_event and upper == 'END:VEVENT':
            break
        elif in_event:
            after_alarm = upper == 'END:VALARM'
    return 'yes' if in_event and after_alarm else 'no'


def param(prop, name):
    return None if prop is None else prop.params.get(name)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write('usage: ics_fields.py FILE|-\n')
        return 2
    if argv[1] == '-':
        data = sys.stdin.buffer.read()
    else:
        with open(argv[1], 'rb') as f:
            data = f.read()
    text = data.decode('utf-8')
    try:
        cal = Calendar.from_ical(text)
    except ValueError as e:
        sys.stderr.write('ics_fields.py: %s\n' % e)
        return 1
    events = cal.walk('VEVENT')
    if not events:
        sys.stderr.write('ics_fields.py: %s: no VEVENT\n' % argv[1])
        return 1
    ev = events[0]
    try:
        start, tzid = instant(cal, ev.get('DTSTART'))
        end, _ = instant(cal, ev.get('DTEND'))
    except ValueError as e:
        sys.stderr.write('ics_fields.py: %s\n' % e)
        return 1
    att = ev.get('ATTENDEE')
    if isinstance(att, list):
        att = att[0]
    org = ev.get('ORGANIZER')
    field('METHOD', cal.get('METHOD'))
    field('UID', ev.get('UID'))
    field('SEQUENCE', ev.get('SEQUENCE', 0))
    field('STATUS', ev.get('STATUS'))
    field('DTSTART_UTC', start.strftime('%Y%m%dT%H%M%SZ'))
    field('DTEND_UTC', end.strftime('%Y%m%dT%H%M%SZ'))
    field('TZID', tzid)
    field('ORGANIZER', org)
    field('ORGANIZER_CN', param(org, 'CN'))
    field('ATTENDEE', att)
    field('ATTENDEE_CN', param(att, 'CN'))
    field('PARTSTAT', param(att, 'PARTSTAT'))
    field('RSVP', param(att, 'RSVP'))
    field('SUMMARY', ev.get('SUMMARY'))
    field('LOCATION', ev.get('LOCATION'))
    field('ALARMS', len([c for c in ev.subcomponents if c.name == 'VALARM']))
    field('ALARM_LAST', alarm_last(text))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
