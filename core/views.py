"""The list view every filtered public list uses (members, events, publications, projects)."""

from django.views.generic import ListView


class FilteredListView(ListView):
    """A list page driven by a FilterSet shared with the API.

    Invalid filter values answer 400 with the form's messages (nothing is guessed); every
    combination of filters is a plain GET URL that can be shared.
    """

    filterset_class = None
    paginate_by = 30

    def get_base_queryset(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        # Always bound, even to an empty query: an unbound FilterSet applies no filter at all,
        # and the directory's "current members only" rule lives in filter_queryset().
        self.filterset = self.filterset_class(
            request.GET, queryset=self.get_base_queryset(), request=request
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
