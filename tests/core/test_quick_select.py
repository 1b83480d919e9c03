"""QuickSelect writes the HTML Django's Select template writes, option for option."""

from django import forms

from core.filters import QuickSelect


def test_quick_select_renders_as_djangos_select():
    choices = [("", "All <regions>"), ("east-asia", "East Asia & Pacific"), ("x", 'Say "x"')]
    grouped = [("", "All"), ("Asia", [("kr", "Korea"), ("np", "Nepal")])]
    cases = [
        (choices, "east-asia", {"id": "id_region", "class": "wide", "disabled": True}),
        (choices, None, {"id": "id_region", "hidden": False}),
        (grouped, "np", {"id": "id_country"}),
    ]
    for options, value, attrs in cases:
        mine = QuickSelect(choices=options).render("region", value, attrs=attrs)
        django = forms.Select(choices=options).render("region", value, attrs=attrs)
        assert str(mine) == str(django)
        assert " selected" in str(mine)


def test_quick_select_selects_as_djangos_select():
    """The first matching option only (a value listed twice), None as "", an integer value,
    a lazy label, and a multiple select's several values."""
    from django.utils.translation import gettext_lazy

    cases = [
        (forms.Select, [(None, "Any"), (1, "One"), ("1", "One again")], 1),
        (forms.Select, [(None, gettext_lazy("Any")), ("a", "A")], None),
        (forms.Select, [("", "Any"), ("a", "A")], ""),
        (forms.SelectMultiple, [("a", "A"), ("b", "B"), ("c", "C")], ["a", "c"]),
    ]
    for widget, options, value in cases:
        mine = type("Quick", (QuickSelect, widget), {})(choices=options)
        django = widget(choices=options)
        assert str(mine.render("f", value, attrs={"id": "id_f"})) == str(
            django.render("f", value, attrs={"id": "id_f"})
        )
