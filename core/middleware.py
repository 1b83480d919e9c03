"""Requests no view should see."""

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


def _holds_nul(query) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in query.lists()
    )


def refuse_nul_characters(get_response):
    """An address holding a NUL character (%00) names nothing: its path is a 404 and its query a
    400, before any view looks it up. PostgreSQL takes no NUL in any string, so a lookup of one
    (a slug in the path, a search) was a 500 there, and SQLite would merely find nothing."""

    def middleware(request):
        if "\x00" in request.path:
            raise Http404
        if _holds_nul(request.GET):
            message = _("An address may not hold a NUL character (%00).")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
