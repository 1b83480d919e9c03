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
