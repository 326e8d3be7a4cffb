from django.urls import path

from pagecache import generations as g
from pagecache.views import cached_page

from . import feeds, views

app_name = "countries"
urlpatterns = [
    path("", views.CountryListView.as_view(), name="list"),
    path("<slug:slug>/", views.CountryDetailView.as_view(), name="detail"),
    path(
        "<slug:slug>/card.png",
        cached_page(g.COUNTRY, params=("v",))(views.CountryCardView.as_view()),
        name="card",
    ),
    path(
        "<slug:slug>/qr.svg",
        cached_page(g.COUNTRY, params=("v",))(views.CountryQRCodeView.as_view()),
        name="qr",
    ),
    path(
        "<slug:slug>/qr.png",
        cached_page(g.COUNTRY, params=("v",))(
            views.CountryQRCodeView.as_view(image_format="png", url_name="countries:qr-png")
        ),
        name="qr-png",
    ),
    path("<slug:slug>/embed/", views.CountryEmbedView.as_view(), name="embed"),
    path(
        "<slug:slug>/feed/",
        cached_page(g.COUNTRY, g.COUNTRY_NEWS, g.COUNTRIES)(feeds.CountryNewsFeed()),
        name="feed",
    ),
    path(
        "<slug:slug>/feed/atom/",
        cached_page(g.COUNTRY, g.COUNTRY_NEWS, g.COUNTRIES)(feeds.CountryNewsFeed.as_atom()),
        name="feed-atom",
    ),
]
