from django.urls import path

from balkan.cache import cached_page

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.NewsItemListView.as_view(), name="list"),
    path("feed/", cached_page("news", "countries")(feeds.NewsItemFeed()), name="feed"),
    path("<slug:slug>/", views.NewsItemDetailView.as_view(), name="detail"),
]
