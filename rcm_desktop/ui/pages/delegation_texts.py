"""The delegations page's texts: the limit and seats summary, and the nominations' history."""

from __future__ import annotations

from typing import Any

from rcm_desktop.domain.vocabulary import label
from rcm_desktop.i18n import _, format_date, format_list, format_number, labelled, ngettext


def summary_text(view: Any) -> str:
    """The limit per country, the seats filled and the count by gender, in sentences."""
    if view.limit is None:
        limit = _("No limit per country is set.")
    else:
        limit = ngettext(
            "At most %(n)d participant per country (%(source)s).",
            "At most %(n)d participants per country (%(source)s).",
            view.limit,
        ) % {"n": view.limit, "source": view.limit_source or _("as recorded for this meeting")}
    if view.places is None:
        filled = ngettext("%(n)d person nominated.", "%(n)d people nominated.", view.filled) % {
            "n": view.filled
        }
    else:
        filled = ngettext(
            "%(filled)d of %(places)d seat filled.",
            "%(filled)d of %(places)d seats filled.",
            view.places,
        ) % {"filled": view.filled, "places": view.places}
    genders = format_list(
        [labelled(label(gender), format_number(count)) for gender, count in view.gender]
    )
    parts = [limit, filled]
    if genders:
        parts.append(_("By gender: %(counts)s.") % {"counts": genders})
    return " ".join(parts)


def history_text(view: Any) -> str:
    """The delegation's past nominations, one line each ("… replaced …"), or nothing."""
    lines = []
    for line in view.history:
        facts = {
            "date": format_date(line.status_changed_on) if line.status_changed_on else "—",
            "name": line.full_name,
            "status": label(line.status),
        }
        successor = next(
            (n for n in view.active if line.replaced_by_id and n.id == line.replaced_by_id),
            None,
        )
        if successor is not None:
            text = _("%(date)s — %(successor)s replaced %(name)s") % {
                **facts,
                "successor": successor.full_name,
            }
        else:
            text = _("%(date)s — %(name)s: %(status)s") % facts
        lines.append(text)
    return _("History:") + "\n" + "\n".join(lines) if lines else ""
