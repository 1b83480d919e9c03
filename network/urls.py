from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("networks/", views.NetworkListView.as_view(), name="network-list"),
    path("networks/<str:slug>/", views.NetworkDetailView.as_view(), name="network-detail"),
    path(
        "networks/<str:slug>/governance/",
        views.NetworkGovernanceView.as_view(),
        name="network-governance",
    ),
    path("networks/<str:slug>/team/", views.NetworkTeamView.as_view(), name="network-team"),
    path("members/", views.MemberListView.as_view(), name="member-list"),
    path("members/<str:slug>/", views.MemberDetailView.as_view(), name="member-detail"),
    path("projects/", views.ProjectListView.as_view(), name="project-list"),
    path("projects/<str:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
]
