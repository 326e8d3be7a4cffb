from django.urls import path

from balkan.social import NewsItemCardView

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.NewsItemListView.as_view(), name="list"),
    path("feed/", feeds.NewsItemFeed(), name="feed"),
    path("<slug:slug>/", views.NewsItemDetailView.as_view(), name="detail"),
    path("<slug:slug>/card.png", NewsItemCardView.as_view(), name="card"),
]
