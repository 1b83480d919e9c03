from django.urls import path

from publications import views

app_name = "publications"

urlpatterns = [
    path("publications/", views.PublicationListView.as_view(), name="publication-list"),
    path("publications/feed.atom", views.feed, name="publication-feed"),
    path(
        "publications/<str:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication-detail",
    ),
    path(
        "publications/<str:slug>/files/<int:pk>/",
        views.download,
        name="edition-download",
    ),
    # A stored PDF's name (publications/files/<year>/<random>.pdf) leads to its download above.
    path("publications/stored/<path:name>", views.stored_file, name="stored-file"),
]
