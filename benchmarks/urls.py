"""The portal's URLs plus the reference view (never part of the portal's own urls)."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache

from benchmarks.reference import REFERENCE_PATH, body

BODY = body()


@never_cache  # the framework's bare cost in both modes: never served from a page cache
def reference(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [
    path(REFERENCE_PATH.strip("/") + "/", reference, name="bench-reference"),
    path("", include("portal.urls")),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
