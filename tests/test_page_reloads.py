"""Pages reload after a change only when shown; a hidden page reloads when it is shown again."""

from __future__ import annotations

from rcm_desktop.paths import Profile


def test_a_hidden_page_waits_and_the_shown_page_reloads(
    qtbot, open_window, profile: Profile
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(profile)
    window.open_store()
    window.show_page(4)  # the directory, read once
    directory = window.current_page()
    window.show_page(1)  # the meetings page is shown; the directory is hidden
    meetings = window.meetings
    reads = {"directory": 0, "meetings": 0}
    directory_reload, meetings_reload = directory.reload, meetings.reload

    def count(name, original):  # type: ignore[no-untyped-def]
        def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
            reads[name] += 1
            return original(*args, **kwargs)

        return wrapped

    directory.reload = count("directory", directory_reload)
    meetings.reload = count("meetings", meetings_reload)
    window.context.events.announce("people", ids=[1])
    window.context.events.announce("meetings", ids=[1])
    assert reads == {"directory": 0, "meetings": 1}, "only the page shown reads again"
    window.context.events.announce("people", ids=[2])
    window.show_page(4)
    assert reads["directory"] == 1, "both changes, read once when the page is shown"
    window.context.events.announce("deadlines")
    assert reads == {"directory": 1, "meetings": 1}, "a change neither page shows reads nothing"
