from django.urls import path

from balkan.social import NewsItemCardView

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.NewsItemListView.as_view(), name="list"),
    path("feed/", feeds.NewsItemFeed(), name="feed"),
    path("feed/atom/", feeds.NewsItemFeed.as_atom(), name="feed-atom"),
    path("tags/<slug:slug>/feed/", feeds.TagNewsFeed(), name="tag-feed"),
    path("tags/<slug:slug>/feed/atom/", feeds.TagNewsFeed.as_atom(), name="tag-feed-atom"),
    path("preview/<int:pk>/", views.NewsItemPreviewView.as_view(), name="preview"),
    path("preview/<int:pk>/<int:history_id>/", views.NewsItemPreviewView.as_view(), name="preview-revision"),
    path("<slug:slug>/", views.NewsItemDetailView.as_view(), name="detail"),
    path("<slug:slug>/card.png", NewsItemCardView.as_view(), name="card"),
]
