from django.urls import path

from balkan.cache import cached_page

from . import feeds, views

app_name = "countries"
urlpatterns = [
    path("", views.CountryListView.as_view(), name="list"),
    path("<slug:slug>/", views.CountryDetailView.as_view(), name="detail"),
    path("<slug:slug>/card.png", cached_page("country:{slug}")(views.CountryCardView.as_view()), name="card"),
    path("<slug:slug>/qr.svg", cached_page("country:{slug}")(views.CountryQRCodeView.as_view()), name="qr"),
    path(
        "<slug:slug>/qr.png",
        cached_page("country:{slug}")(
            views.CountryQRCodeView.as_view(image_format="png", url_name="countries:qr-png")
        ),
        name="qr-png",
    ),
    path("<slug:slug>/embed/", views.CountryEmbedView.as_view(), name="embed"),
    path(
        "<slug:slug>/feed/",
        cached_page("country:{slug}", "country-news:{slug}", "countries")(feeds.CountryNewsFeed()),
        name="feed",
    ),
    path(
        "<slug:slug>/feed/atom/",
        cached_page("country:{slug}", "country-news:{slug}", "countries")(feeds.CountryNewsFeed.as_atom()),
        name="feed-atom",
    ),
]
