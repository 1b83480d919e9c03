"""The order of a filtered list: what `?ordering=` asks for, else the list's default."""


def ordered(filterset, queryset, *default):
    """`queryset` sorted as the filterset's `ordering` filter asks, else by `default`.

    "?ordering=," names no field and gets the default, like no ordering at all: an unordered list
    could repeat or skip records from page to page. The primary key comes last, so that records
    of equal value keep one order from page to page."""
    asked = [value for value in filterset.form.cleaned_data.get("ordering") or [] if value]
    if not asked:
        return queryset.order_by(*default, "pk")
    by = filterset.filters["ordering"].get_ordering_value
    return queryset.order_by(*(by(value) for value in asked), "pk")
