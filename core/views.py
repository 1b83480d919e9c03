"""The views every filtered public list uses: its page (members, projects, events,
publications, stories) and its feeds."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView


class ListSource:
    """What a list's page and feeds read: the list's one FilterSet (`filterset_class`, a
    core.filters.ListFilterSet) over `get_base_queryset()`, by default `read_query()`: the
    list's function of its app's read layer, called per request, whose order the filters keep
    unless the visitor sorts."""

    filterset_class = None
    read_query = None

    def get_base_queryset(self):
        return self.read_query()


class FilteredListView(ListSource, ListView):
    """A list page driven by the list's one FilterSet, which the API list uses too.

    Invalid filter values answer 400 with the form's messages (nothing is guessed); every
    combination of filters is a plain GET URL that can be shared.
    """

    paginate_by = 30

    def get(self, request, *args, **kwargs):
        # Always bound, even to an empty query: an unbound FilterSet applies no filter at all,
        # and the directory's "current members only" rule lives in filter_queryset().
        self.filterset = self.filterset_class(
            request.GET, queryset=self.get_base_queryset(), request=request, page_form=True
        )
        if not self.filterset.is_valid():
            self.object_list = self.get_base_queryset().none()
            return self.render_to_response(self.get_context_data(), status=400)
        self.object_list = self.filterset.qs
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filterset=self.filterset,
            filters_active=any(
                v for k, v in self.request.GET.items() if k not in ("page", "ordering")
            ),
            query_without_page=query.urlencode(),
        )
        return context


def bad_filters_response(form) -> HttpResponseBadRequest:
    """A feed's answer to filters it cannot use: 400, naming each filter and its problem."""
    problems = [
        f"{form.fields[name].label}: {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    ]
    return HttpResponseBadRequest(
        _("Some filters could not be used: %(errors)s") % {"errors": "; ".join(problems)},
        content_type="text/plain; charset=utf-8",
    )


FEED_MAX_ITEMS = 50


class RecordFeed(Feed):
    """A feed of published records: each entry has the record's title and is dated when the
    record was published; the feed links to its list's page (`list_url_name`)."""

    list_url_name = None

    @property
    def limit(self) -> int:
        """How many entries a feed holds at most: the latest, settings.FEED_MAX_ITEMS (50 by
        default), so that a feed's size never grows with the table."""
        return getattr(settings, "FEED_MAX_ITEMS", FEED_MAX_ITEMS)

    def link(self):
        return reverse(self.list_url_name)

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.publish_at


class _BadFilters(Exception):
    def __init__(self, form):
        self.form = form


class FilteredFeedMixin(ListSource):
    """For a syndication Feed of a list: the entries are the list's query function narrowed
    by the list's FilterSet (the page's filters); bad filters answer 400 naming each problem.

    The Feed instance serves every request, so the filtered entries travel as the feed's
    object rather than as an attribute. It holds at most `limit` entries (RecordFeed's)."""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except _BadFilters as bad:
            return bad_filters_response(bad.form)

    def get_object(self, request, *args, **kwargs):
        filterset = self.filterset_class(
            request.GET, queryset=self.get_base_queryset(), request=request
        )
        if not filterset.is_valid():
            raise _BadFilters(filterset.form)
        return filterset.qs

    def items(self, obj):
        return obj[: self.limit]
