"""Root URLs. Paths are a stable interface (bookmarks, links from other sites and API clients
rely on them): change none of them."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from events import api as events_api
from network import api as network_api
from portal import api_stories, views
from portal.api import ReportAPIView, ReportEditionListAPIView
from portal.sitemaps import SITEMAPS
from portal.sitemaps import index as sitemap_index
from portal.sitemaps import section as sitemap_section
from publications import api as publications_api

router = DefaultRouter()
network_api.register(router)
events_api.register(router)
publications_api.register(router)
api_stories.register(router)

api_patterns = [
    path("", include(router.urls)),
    path("reports/<str:network>/<int:year>/", ReportAPIView.as_view(), name="report-detail"),
    path(
        "reports/<str:network>/editions/",
        ReportEditionListAPIView.as_view(),
        name="report-edition-list",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its start-up script from ?script, so the page needs no inline script;
    # Swagger UI's own markup still carries a <style> block and style attributes.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
]

portal_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("stories/", views.StoryListView.as_view(), name="story-list"),
    path("stories/feed/", views.AtomStoriesFeed(), name="story-feed"),
    path("stories/<str:slug>/", views.StoryDetailView.as_view(), name="story-detail"),
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path(
        "reports/<str:network>/<int:year>/", views.ReportDetailView.as_view(), name="report-detail"
    ),
    path(
        "reports/<str:network>/<int:year>/print/",
        views.ReportDetailView.as_view(print_view=True),
        name="report-print",
    ),
    path("reports/<str:network>/<int:year>.pdf", views.ReportPDFView.as_view(), name="report-pdf"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("", include("network.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    # The admin's prefix comes from DJANGO_ADMIN_URL (settings.ADMIN_URL, default "admin/").
    path(
        f"{settings.ADMIN_URL}content-health/",
        views.ContentHealthView.as_view(),
        name="content-health",
    ),
    path("", include("publications.urls")),
    path("", include("events.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    # The footer's language form on every public page carries no CSRF token, so that the pages
    # can be shared by the page cache (core/page_cache.py): a page with a token sets a cookie
    # and holds one visitor's token. A forged request could only change a visitor's language
    # (a cookie) and send them to a page of this site (`next` is checked): nothing to protect.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The index keeps /sitemap.xml (robots.txt and search engines point at it); its sections,
    # paginated with ?p=, are /sitemap-<section>.xml.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        sitemap_section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
