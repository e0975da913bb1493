"""The schedule: every session and agenda line in the organiser's time and the delegation's."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from rcm_desktop.printing.briefing.data import (
    BriefingData,
    SessionData,
)
from rcm_desktop.printing.briefing.writer import Writer, offset_text


def _zone_intro(d: BriefingData, w: Writer) -> Flowable | None:
    _ = w._
    first = next((s.organiser for s in d.sessions if s.organiser and s.organiser.utc_offset), None)
    if not d.organiser_zone:
        return w.gap(
            _(
                "The organiser's time zone is not recorded, so times cannot be shown in your "
                "time — add it in the meeting editor."
            )
        )
    if not d.zones_differ:
        zone = w.zone(d.organiser_zone)
        return w.para(_("Times are in %(zone)s, which is also your time.") % {"zone": zone})
    # In a sentence the zones go by their places ("in the organiser's time, Ciudad de México").
    name = w.city(d.organiser_zone)
    offset = offset_text(first.utc_offset) if first else d.organiser_zone
    own = w.city(d.delegation_zone or "")
    if not d.clocks_differ:
        return w.para(
            _(
                "Times are given in the organiser's time, %(zone)s (%(offset)s), which is the same as your time, %(own)s."
            )
            % {"zone": name, "offset": offset, "own": own}
        )
    mine = next(
        (s.delegation for s in d.sessions if s.delegation and s.delegation.utc_offset), None
    )
    return w.para(
        _(
            "Times are given in the organiser's time, %(zone)s (%(offset)s), and in your time, %(own)s (%(own_offset)s)."
        )
        % {
            "zone": name,
            "offset": offset,
            "own": own,
            "own_offset": offset_text(mine.utc_offset) if mine else d.delegation_zone,
        }
    )


def _time_headers(d: BriefingData, w: Writer) -> list[str]:
    """One time column, or two when the delegation's clock differs from the organiser's.

    The headers name the zones by the places CLDR names them after, in the pack's language.
    """
    _ = w._
    organiser = w.city(d.organiser_zone or "")
    own = w.city(d.delegation_zone or "")
    if d.clocks_differ:
        return [_("Organiser's time") + "\n" + organiser, _("Your time") + "\n" + own]
    if d.zones_differ:  # two zones, one clock: one column that names both
        return [_("Organiser's time and yours") + "\n" + w.t.list([organiser, own])]
    return [_("Time")]


def schedule(d: BriefingData, w: Writer) -> list[Flowable]:
    """The sessions table, then each session with its agenda, in both zones."""
    _ = w._
    story = [w.h1(_("Schedule"))]
    if not d.sessions:
        return [*story, w.gap(_("No sessions recorded — add them in the meeting editor."))]
    intro = _zone_intro(d, w)
    if intro is not None:
        story.append(intro)
    header = [_("Session"), _("Day"), *_time_headers(d, w), _("Lead")]
    widths = [46, 22, 34, 34, 34] if d.clocks_differ else [70, 30, 34, 36]
    rows = []
    for item in d.sessions:
        day = item.organiser.day if item.organiser else None
        row = [w.cell(item.title), w.cell(w.date(day, "medium") or _("not stated"))]
        row.append(w.cell(w.times(item.organiser, day)))
        if d.clocks_differ:
            row.append(w.cell(w.times(item.delegation, day)))
        row.append(w.cell(w.countries(item.leads)))
        rows.append(row)
    story.append(w.table(header, rows, widths))
    for item in d.sessions:
        story += _session(d, w, item)
    return story


def _session(d: BriefingData, w: Writer, item: SessionData) -> list[Flowable]:
    _ = w._
    story: list[Flowable] = [w.h2(item.title)]
    day = item.organiser.day if item.organiser else None
    if day is None:
        story.append(w.gap(_("Day and times not stated — add them in the meeting editor.")))
    facts = [w.date(day, "full")] if day else []
    when = w.times(item.organiser, day)
    if when:
        facts.append(when)
        if d.clocks_differ and item.delegation and item.delegation.start:
            facts.append(_("%(times)s your time") % {"times": w.times(item.delegation, day)})
    if facts:
        story.append(w.para(w.t.separator().join(facts), w.s.muted))
    if item.leads:
        story.append(Paragraph(w.field(_("Lead"), w.countries(item.leads)), w.s.body))
    story += w.paras(item.description)
    if item.agenda:
        header = [*_time_headers(d, w), _("Activity"), _("Coordinator")]
        widths = [34, 34, 62, 40] if d.clocks_differ else [34, 86, 50]
        rows = []
        for line in item.agenda:
            row = [w.cell(w.times(line.organiser, day))]
            if d.clocks_differ:
                row.append(w.cell(w.times(line.delegation, day)))
            row += [w.cell(line.activity), w.cell(line.coordinator)]
            rows.append(row)
        story.append(w.table(header, rows, widths))
    return story
