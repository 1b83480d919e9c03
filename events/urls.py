from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/feed.ics", views.event_feed_ics, name="event-feed-ics"),
    path("events/feed.atom", views.LatestEventsFeed(), name="event-feed-atom"),
    path("events/calendar/", views.calendar_this_month, name="event-calendar-now"),
    path(
        "events/calendar/<int:year>/<int:month>/",
        views.EventCalendarView.as_view(),
        name="event-calendar",
    ),
    path("events/next-year/", views.NextYearView.as_view(), name="event-next-year"),
    path("events/<str:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<str:slug>/event.ics", views.event_ics, name="event-ics"),
]
