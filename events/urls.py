from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("events.ics", views.SiteCalendarView.as_view(), name="site"),
    path("countries/<slug:slug>/events.ics", views.CountryCalendarView.as_view(), name="country"),
    path("news/<slug:slug>/event.ics", views.StoryCalendarView.as_view(), name="story"),
]
