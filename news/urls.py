from django.urls import path

from pagecache import generations as g
from pagecache.views import cached_page

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.NewsItemListView.as_view(), name="list"),
    path("feed/", cached_page(g.NEWS, g.COUNTRIES)(feeds.NewsItemFeed()), name="feed"),
    path("feed/atom/", cached_page(g.NEWS, g.COUNTRIES)(feeds.NewsItemFeed.as_atom()), name="feed-atom"),
    path("tags/<slug:slug>/feed/", cached_page(g.NEWS, g.COUNTRIES)(feeds.TagNewsFeed()), name="tag-feed"),
    path(
        "tags/<slug:slug>/feed/atom/",
        cached_page(g.NEWS, g.COUNTRIES)(feeds.TagNewsFeed.as_atom()),
        name="tag-feed-atom",
    ),
    path("preview/<int:pk>/", views.NewsItemPreviewView.as_view(), name="preview"),
    path("preview/<int:pk>/<int:history_id>/", views.NewsItemPreviewView.as_view(), name="preview-revision"),
    path("<slug:slug>/", views.NewsItemDetailView.as_view(), name="detail"),
    path("<slug:slug>/card.png", views.NewsItemCardView.as_view(), name="card"),
]
