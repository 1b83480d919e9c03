"""What changed between a frozen edition of a report and the live one (portal.editions)."""

from portal.editions import changes_between, describe, read_choice


def report(*, members=(), events=(), preview=(), projects=(), publications=(), total=10, stated=()):
    return {
        "year": 2022,
        "membership": {
            "total": total,
            "by_type": [{"type": "full", "label": "Full members", "count": total}],
            "stated": [{"label": "member cities", "value": v} for v in stated],
            "new_members": [{"slug": s, "name": s.title()} for s in members],
        },
        "activities": {
            "total": len(events),
            "groups": [{"group": "", "label": "Other", "events": list(events)}],
        },
        "preview": list(preview),
        "projects": [
            {"theme": "", "projects": [{"slug": s, "title": s.title()} for s in projects]}
        ],
        "publications": [{"slug": s, "title": s.title()} for s in publications],
    }


def event(slug, when="Mar 2022", start="2022-03-01"):
    return {"slug": slug, "title": slug.title(), "when": when, "start": start}


def kinds(changes):
    return sorted((c["what"], c["change"], c["slug"]) for c in changes)


def test_changes_between_same_report_is_empty():
    """An edition compared with an unchanged live report: nothing to list."""
    same = report(members=["seoul"], events=[event("forum")], projects=["p"], publications=["x"])
    assert changes_between(same, same) == []


def test_changes_between_lists_members_projects_publications_added_and_removed():
    """Joined / left members, projects and publications added or removed, by name."""
    frozen = report(members=["seoul", "busan"], projects=["old"], publications=["guide"], total=2)
    live = report(members=["seoul", "tainan"], projects=["new"], publications=["atlas"], total=2)
    assert kinds(changes_between(frozen, live)) == [
        ("member", "added", "tainan"),
        ("member", "removed", "busan"),
        ("project", "added", "new"),
        ("project", "removed", "old"),
        ("publication", "added", "atlas"),
        ("publication", "removed", "guide"),
    ]


def test_changes_between_lists_events_added_removed_and_redated():
    """An event's new date shows as before → after; the preview's events count too."""
    frozen = report(events=[event("forum"), event("gone")], preview=[event("cop28", "2023")])
    live = report(
        events=[event("forum", "4 Mar 2022", "2022-03-04"), event("webinar")],
        preview=[event("cop28", "Dec 2023", "2023-12-01")],
    )
    changes = changes_between(frozen, live)
    assert kinds(changes) == [
        ("event", "added", "webinar"),
        ("event", "redated", "cop28"),
        ("event", "redated", "forum"),
        ("event", "removed", "gone"),
    ]
    forum = next(c for c in changes if c["slug"] == "forum")
    assert (forum["before"], forum["after"]) == ("Mar 2022", "4 Mar 2022")
    assert describe(forum) == "Event re-dated: Forum, Mar 2022 → 4 Mar 2022"


def test_changes_between_lists_changed_figures():
    """The member count, the count by type and a stated figure, with old and new values."""
    frozen = report(total=10, stated=["101"])
    live = report(total=12, stated=["103"])
    figures = {c["title"]: (c["before"], c["after"]) for c in changes_between(frozen, live)}
    assert figures == {
        "Members in the records": (10, 12),
        "Full members": (10, 12),
        "member cities": ("101", "103"),
    }


def test_changes_between_an_old_edition_without_sections_compares_what_it_has():
    """An edition frozen before a section existed (or with one of another shape): no error,
    only the sections both have are compared."""
    live = report(members=["seoul"], events=[event("forum")], projects=["p"])
    assert kinds(changes_between({"year": 2022}, live)) == [
        ("event", "added", "forum"),
        ("member", "added", "seoul"),
        ("project", "added", "p"),
    ]
    odd = {"membership": [], "activities": {"groups": "none"}, "projects": [None, 3]}
    assert kinds(changes_between(odd, live)) == [
        ("event", "added", "forum"),
        ("member", "added", "seoul"),
        ("project", "added", "p"),
    ]


def test_changes_between_withdrawn_record_is_counted_without_its_name():
    """A record unpublished since the edition: listed as withdrawn, its title nowhere."""
    frozen = report(events=[event("secret-meeting")])
    changes = changes_between(frozen, report(), withdrawn={"event": {"secret-meeting"}})
    assert [c for c in changes if c["what"] == "event"] == [
        {"what": "event", "change": "withdrawn", "slug": "", "title": ""}
    ]
    assert "Secret" not in " ".join(describe(c) for c in changes)


def test_read_choice_reads_live_and_edition_and_refuses_the_rest():
    """?live=1 and ?edition=2 are read; anything else is a message, never an exception."""
    assert read_choice({}) == (False, None)
    assert read_choice({"live": "1"}) == (True, None)
    assert read_choice({"edition": "2"}) == (False, 2)
    assert read_choice({"edition": "2", "live": "true"}) == (True, None)
    for bad in ({"live": "maybe"}, {"edition": "x"}, {"edition": "²"}, {"edition": "0"},
                {"edition": "9" * 40}, {"live": "1", "edition": "x"}):  # fmt: skip
        try:
            read_choice(bad)
        except ValueError as error:
            assert str(error)
        else:
            raise AssertionError(f"{bad} was accepted")
