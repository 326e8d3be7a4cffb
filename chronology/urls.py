from django.urls import path

from . import views

app_name = "chronology"
urlpatterns = [
    path("", views.ChronologyEntryListView.as_view(), name="list"),
    path("<slug:slug>/", views.CountryChronologyView.as_view(), name="country"),
]
