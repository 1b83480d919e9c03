"""The API's pagination, in a module of its own: DRF imports it while loading its generic views,
so it must not import anything that imports them back."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """count / next / previous / results; ?page_size= up to 100; a page past the end is a 400."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    # DRF reads ?page=last as the last page; the schema says a page is a number, and so does
    # every other list: "last" is a 400 like any other word.
    last_page_strings = ()

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and self._whole_number(raw) < 1:
            raise ValidationError({"page_size": _("Must be a whole number from 1 to 100.")})
        return super().get_page_size(request)

    @staticmethod
    def _whole_number(raw: str) -> int:
        """`raw` as a whole number, or 0. isdecimal(), not isdigit(): "²" is a digit that int()
        refuses (it was a 500); decimal digits of any script ("٢٠", "２٠") are what int() reads,
        as for `year` and `page`. int() also refuses more than 4,300 digits (ValueError)."""
        if not raw.isdecimal():
            return 0
        try:
            return int(raw)
        except ValueError:
            return 0

    def check_parameters(self, request):
        """400 for a `page` or `page_size` that is not a whole number from 1, without paginating
        (an unpaginated CSV list)."""
        self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param)
        if raw and self._whole_number(raw) < 1:
            raise ValidationError({"page": _("Must be a whole number from 1.")})

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:
            raise ValidationError({"page": str(error.detail)}) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    "Page number, 1 by default; a page past the last one answers 400 naming `page`."
                )
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    "Results per page, 20 by default; larger values than 100 give 100."
                )
        return parameters
