"""A meeting as a readable HTML page for the meeting view (QTextBrowser's HTML subset)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from rcm_desktop.domain.timezones import (
    convert,
    format_utc_offset,
    utc_offset,
    zone_city,
    zone_name,
)
from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import (
    LABEL_MARK,
    VALUE_MARK,
    _,
    country_name,
    current_language,
    fill_labelled,
    format_date,
    format_list,
    format_number,
    format_time,
    labelled,
    separator,
)
from rcm_desktop.ui.rich_text import tag, text_html

if TYPE_CHECKING:
    from rcm_desktop.data.services.attachments import AttachmentInfo
    from rcm_desktop.data.services.meetings import MeetingDetail, QuestionDetail, SessionDetail
    from rcm_desktop.domain.vocabulary import MeetingStatus

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


def format_size(size: int) -> str:
    """A file size in kB or MB, in the language's number format."""
    if size < 1024 * 1024:
        return _("%(size)s kB") % {"size": format_number(round(size / 1024, 1))}
    return _("%(size)s MB") % {"size": format_number(round(size / (1024 * 1024), 1))}


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
    if meeting.time_zone:  # named from CLDR in the interface language, not as typed
        return _("Times are in %(label)s (%(zone)s, %(offset)s on %(date)s)") % {
            "label": zone_name(meeting.time_zone, current_language()),
            "zone": meeting.time_zone,
            "offset": offset_text,
            "date": format_date(meeting.start_date),
        }
    return _("Times are in %(zone)s (%(offset)s on %(date)s)") % {
        "zone": meeting.time_zone,
        "offset": offset_text,
        "date": format_date(meeting.start_date),
    }


def _question_html(question: QuestionDetail, number: int) -> str:
    parts = []
    if question.phase:
        parts.append(f"<h3>{escape(question.phase)}</h3>")
    if question.context:
        parts.append(f'<p class="meta">{text_html(question.context)}</p>')
    numbered = _("%(n)s. %(question)s") % {"n": format_number(number), "question": VALUE_MARK}
    parts.append(f"<p><b>{fill_labelled(numbered, '', text_html(question.text), escape)}</b></p>")
    if question.delegation_position:
        parts.append(
            '<p class="position">'
            + _labelled_html(_("Our position"), question.delegation_position)
            + "</p>"
        )
    else:
        parts.append(_missing(_("No position recorded yet.")))
    return "".join(parts)


def _organiser_zone_name(meeting: MeetingDetail) -> str:
    return zone_name(meeting.time_zone, current_language()) if meeting.time_zone else ""


def _converted_range(
    meeting: MeetingDetail,
    day: dt.date,
    start: dt.time | None,
    end: dt.time | None,
    target: str,
) -> str:
    """A time range of the organiser's zone shown in *target*, with the date when it differs."""
    if not (meeting.time_zone and start):
        return ""
    first = convert(day, start, meeting.time_zone, target)
    text = format_time(first.time())
    if end:
        text += "\u2013" + format_time(convert(day, end, meeting.time_zone, target).time())
    if first.date() != day:
        text += " (" + format_date(first.date()) + ")"
    return text


def _session_html(
    meeting: MeetingDetail, session: SessionDetail, user_zone: str | None, numbers: dict[int, int]
) -> str:
    parts = [f"<h3>{escape(session.title)}</h3>"]
    when = [format_date(session.date, "full") if session.date else _("Day not stated")]
    times = _time_range(session.start, session.end)
    both_zones = bool(
        user_zone and meeting.time_zone and session.date and user_zone != meeting.time_zone
    )
    if times and meeting.time_zone and session.date and session.start:
        offset = utc_offset(meeting.time_zone, session.date, session.start)
        when.append(
            _("%(times)s %(zone)s (%(offset)s)")
            % {
                "times": times,
                "zone": _organiser_zone_name(meeting),
                "offset": format_utc_offset(offset) if offset is not None else "?",
            }
        )
        if both_zones:
            assert user_zone is not None and session.date is not None
            user_offset = convert(
                session.date, session.start, meeting.time_zone, user_zone
            ).utcoffset()
            when.append(
                _("%(times)s your time, %(zone)s (%(offset)s)")
                % {
                    "times": _converted_range(
                        meeting, session.date, session.start, session.end, user_zone
                    ),
                    "zone": zone_city(user_zone, current_language()),
                    "offset": format_utc_offset(user_offset) if user_offset is not None else "?",
                }
            )
    else:
        when.append(times or _("times not stated"))
    parts.append(f'<p class="meta">{escape(separator().join(when))}</p>')
    if session.leads:
        leads = format_list(
            sorted((country_name(code) for code in session.leads), key=str.casefold)
        )
        parts.append(tag("p", _("Lead: %(countries)s") % {"countries": leads}))
    if session.description:
        parts.append(f"<p>{text_html(session.description)}</p>")
    if session.agenda:
        header = [tag("th", _("Time") if not both_zones else _organiser_zone_name(meeting))]
        if both_zones:
            header.append(tag("th", _("Your time")))  # the zone is named in the line above
        header += [tag("th", _("Activity")), tag("th", _("Coordinator"))]
        rows = []
        for line in session.agenda:
            cells = [tag("td", _time_range(line.start, line.end), "nowrap")]
            if both_zones:
                assert user_zone is not None and session.date is not None
                converted = _converted_range(meeting, session.date, line.start, line.end, user_zone)
                cells.append(tag("td", converted, "nowrap"))
            cells += [tag("td", line.activity, 'width="42%"'), tag("td", line.coordinator or "")]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        parts.append(
            '<table cellspacing="0" width="100%"><tr>'
            + "".join(header)
            + "</tr>"
            + "".join(rows)
            + "</table>"
        )
    questions = [q for q in meeting.questions if q.session_position == session.position]
    if questions:
        parts.append("<p>" + tag("b", _("Guiding questions")) + "</p>")
        parts.extend(_question_html(question, numbers[id(question)]) for question in questions)
    return "".join(parts)


def _attachments_html(attachments: Sequence[AttachmentInfo]) -> str:
    if not attachments:
        return ""
    items = "".join(
        f'<li><a href="attachment:{item.id}">{escape(item.file_name)}</a> '
        f'<span style="color:#4a5563">({escape(format_size(item.size_bytes))}, SHA-256 {item.sha256[:12]}…)</span></li>'
        for item in attachments
    )
    return tag("h2", _("Attachments")) + f"<ul>{items}</ul>"


def _history_html(history: Sequence[tuple[MeetingStatus, dt.date, str]]) -> str:
    if not history:
        return ""
    items = "".join(
        "<li>"
        + escape(format_date(day))
        + ": "
        + escape(label(status))
        + (f" — {text_html(note)}" if note else "")
        + "</li>"
        for status, day, note in history
    )
    return tag("h2", _("Status history")) + f"<ul>{items}</ul>"


def meeting_html(
    meeting: MeetingDetail,
    user_zone: str | None = None,
    attachments: Sequence[AttachmentInfo] = (),
    history: Sequence[tuple[MeetingStatus, dt.date, str]] = (),
) -> str:
    """The whole meeting page; times also in *user_zone* when it differs from the organiser's."""
    meta = [
        _("Convened by %(body)s") % {"body": meeting.body}
        if meeting.body
        else _("Convening body not recorded"),
        _("Forums: %(forums)s") % {"forums": format_list(meeting.forums)} if meeting.forums else "",
        label(meeting.kind),
        label(meeting.modality),
        _("Status: %(status)s") % {"status": label(meeting.status)},
    ]
    parts = [
        tag("p", meeting.title, 'class="title"'),
        f'<p class="meta">{escape(separator().join(item for item in meta if item))}</p>',
        f"<p><b>{escape(_dates(meeting))}</b><br/>{escape(_zone_line(meeting))}</p>",
    ]
    where = [value for value in (meeting.venue, meeting.platform) if value]
    if where:
        parts.append(tag("p", _("Venue or platform: %(where)s") % {"where": format_list(where)}))
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
    #: Each question's number, as the editor lists them.
    numbers = {id(question): n for n, question in enumerate(meeting.questions, start=1)}
    if meeting.sessions:
        parts.extend(
            _session_html(meeting, session, user_zone, numbers) for session in meeting.sessions
        )
    else:
        parts.append(_missing(_("No sessions recorded.")))
    general = [q for q in meeting.questions if q.session_position is None]
    if general:
        parts.append(tag("h2", _("Guiding questions")))
        parts.extend(_question_html(question, numbers[id(question)]) for question in general)
    parts.append(_attachments_html(attachments))
    parts.append(_section(_("Context"), meeting.context))
    parts.append(_section(_("Notes"), meeting.notes))
    parts.append(_history_html(history))
    return "".join(parts)


def _labelled_html(label: str, value: str) -> str:
    """A label in bold and its value, punctuated as the language does ("Notre position : …")."""
    return fill_labelled(
        labelled(LABEL_MARK, VALUE_MARK), tag("b", label), text_html(value), escape
    )
