"""A meeting as a readable HTML page for the meeting view (QTextBrowser's HTML subset)."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from rcm_desktop.data.enums import label
from rcm_desktop.i18n import _, country_name, format_date, format_time
from rcm_desktop.timezones import format_utc_offset, utc_offset
from rcm_desktop.ui.rich_text import tag, text_html

if TYPE_CHECKING:
    from rcm_desktop.data.services.meetings import MeetingDetail, QuestionDetail, SessionDetail

STYLE = """
p.title { font-size: 15pt; font-weight: 600; margin-bottom: 4px; }
h2 { font-size: 12pt; margin-top: 18px; color: #1f3a5f; }
h3 { font-size: 11pt; margin-top: 14px; }
p.meta { color: #4a5563; }
p.missing { color: #8a5a00; font-style: italic; }
td, th { padding: 3px 8px 3px 0; vertical-align: top; }
th { text-align: left; color: #4a5563; }
p.position { background: #f2f6fb; }
"""


def _missing(message: str) -> str:
    return f'<p class="missing">{escape(message)}</p>'


def _section(title: str, body: str | None, missing: str | None = None) -> str:
    if body:
        return f"<h2>{escape(title)}</h2><p>{text_html(body)}</p>"
    if missing:
        return f"<h2>{escape(title)}</h2>{_missing(missing)}"
    return ""


def _time_range(start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return f"{format_time(start)}\u2013{format_time(end)}"
    if start:
        return format_time(start)
    return ""


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _("not stated in the concept note")
    return _("yes") if value else _("no")


def _dates(meeting: MeetingDetail) -> str:
    start = format_date(meeting.start_date, "full")
    if meeting.end_date and meeting.end_date != meeting.start_date:
        return _("%(start)s to %(end)s") % {
            "start": start,
            "end": format_date(meeting.end_date, "full"),
        }
    return start


def _zone_line(meeting: MeetingDetail) -> str:
    if not meeting.time_zone:
        return _("Time zone: not stated in the concept note")
    offset = utc_offset(meeting.time_zone, meeting.start_date)
    offset_text = format_utc_offset(offset) if offset is not None else "?"
    if meeting.time_zone_label:
        return _("Times are in %(label)s (%(zone)s, %(offset)s on %(date)s)") % {
            "label": meeting.time_zone_label,
            "zone": meeting.time_zone,
            "offset": offset_text,
            "date": format_date(meeting.start_date),
        }
    return _("Times are in %(zone)s (%(offset)s on %(date)s)") % {
        "zone": meeting.time_zone,
        "offset": offset_text,
        "date": format_date(meeting.start_date),
    }


def _question_html(question: QuestionDetail) -> str:
    parts = []
    if question.phase:
        parts.append(f"<h3>{escape(question.phase)}</h3>")
    if question.context:
        parts.append(f'<p class="meta">{text_html(question.context)}</p>')
    parts.append(f"<p><b>{text_html(question.text)}</b></p>")
    if question.delegation_position:
        parts.append(
            '<p class="position">'
            + tag("b", _("Our position:"))
            + " "
            + text_html(question.delegation_position)
            + "</p>"
        )
    else:
        parts.append(_missing(_("No position recorded yet.")))
    return "".join(parts)


def _session_html(meeting: MeetingDetail, session: SessionDetail) -> str:
    parts = [f"<h3>{escape(session.title)}</h3>"]
    when = [format_date(session.date, "full") if session.date else _("Day not stated")]
    times = _time_range(session.start, session.end)
    when.append(times or _("times not stated"))
    if times and meeting.time_zone and session.date and session.start:
        offset = utc_offset(meeting.time_zone, session.date, session.start)
        if offset is not None:
            when.append(format_utc_offset(offset))
    parts.append(f'<p class="meta">{escape(", ".join(when))}</p>')
    if session.leads:
        leads = ", ".join(country_name(code) for code in session.leads)
        parts.append("<p>" + tag("b", _("Lead:")) + " " + escape(leads) + "</p>")
    if session.description:
        parts.append(f"<p>{text_html(session.description)}</p>")
    if session.agenda:
        rows = "".join(
            f"<tr><td>{escape(_time_range(line.start, line.end))}</td>"
            f"<td>{text_html(line.activity)}</td><td>{text_html(line.coordinator)}</td></tr>"
            for line in session.agenda
        )
        parts.append(
            '<table cellspacing="0" width="100%"><tr>'
            + tag("th", _("Time"))
            + tag("th", _("Activity"))
            + tag("th", _("Coordinator"))
            + f"</tr>{rows}</table>"
        )
    questions = [q for q in meeting.questions if q.session_position == session.position]
    if questions:
        parts.append("<p>" + tag("b", _("Guiding questions")) + "</p>")
        parts.extend(_question_html(question) for question in questions)
    return "".join(parts)


def meeting_html(meeting: MeetingDetail) -> str:
    """The whole meeting page."""
    meta = [
        _("Convened by %(body)s") % {"body": meeting.body}
        if meeting.body
        else _("Convening body not recorded"),
        _("Forums: %(forums)s") % {"forums": ", ".join(meeting.forums)} if meeting.forums else "",
        label(meeting.kind),
        label(meeting.modality),
        _("Status: %(status)s") % {"status": label(meeting.status)},
    ]
    parts = [
        tag("p", meeting.title, 'class="title"'),
        f'<p class="meta">{escape(" · ".join(item for item in meta if item))}</p>',
        f"<p><b>{escape(_dates(meeting))}</b><br/>{escape(_zone_line(meeting))}</p>",
    ]
    where = [value for value in (meeting.venue, meeting.platform) if value]
    if where:
        parts.append(tag("p", _("Venue or platform:") + " " + ", ".join(where)))
    parts.append(_section(_("Objectives"), meeting.objectives, _("No objectives recorded.")))
    parts.append(_section(_("Methodology"), meeting.methodology))
    parts.append(_section(_("Interpretation"), meeting.interpretation))
    participants = [text_html(meeting.participants)] if meeting.participants else []
    if meeting.max_participants_per_country:
        participants.append(
            escape(
                _("At most %(n)d participants per country.")
                % {"n": meeting.max_participants_per_country}
            )
        )
    participants.append(
        escape(
            _("Observer organisations invited: %(answer)s")
            % {"answer": _yes_no(meeting.observers_invited)}
        )
    )
    participants.append(
        escape(
            _("Civil society invited: %(answer)s")
            % {"answer": _yes_no(meeting.civil_society_invited)}
        )
    )
    parts.append(tag("h2", _("Participants")) + "<p>" + "<br/><br/>".join(participants) + "</p>")
    parts.append(tag("h2", _("Sessions and agenda")))
    if meeting.sessions:
        parts.extend(_session_html(meeting, session) for session in meeting.sessions)
    else:
        parts.append(_missing(_("No sessions recorded.")))
    general = [q for q in meeting.questions if q.session_position is None]
    if general:
        parts.append(tag("h2", _("Guiding questions")))
        parts.extend(_question_html(question) for question in general)
    parts.append(_section(_("Context"), meeting.context))
    parts.append(_section(_("Notes"), meeting.notes))
    return "".join(parts)
