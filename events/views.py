"""The calendars: every event, each country's, and one story's (the "Add to calendar" link)."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, View

from core.slugs import OldSlugRedirectMixin
from countries.models import Country
from news.models import NewsItem
from pagecache import generations as g
from pagecache.views import CachedPageMixin

from . import calendars, happenings


def calendar_response(items, name):
    return HttpResponse(calendars.calendar(items, name), content_type=calendars.CONTENT_TYPE)


class SiteCalendarView(CachedPageMixin, View):
    cache_dependencies = (g.NEWS, g.CHRONOLOGY, g.COUNTRIES)

    def get(self, request):
        return calendar_response(happenings.for_calendar(), _("Japan–Balkan Network: events"))


class CountryCalendarView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    cache_dependencies = (g.COUNTRY, g.COUNTRY_NEWS, g.COUNTRY_PROFILE, g.COUNTRIES)

    def get_queryset(self):
        return Country.objects.published()

    def get_moved_url(self, moved):
        return moved.get_calendar_url()

    def render_to_response(self, context, **kwargs):
        country = self.object
        name = _("Japan–Balkan Network: events in %(country)s") % {"country": country.name}
        return calendar_response(happenings.for_calendar(country), name)


class StoryCalendarView(CachedPageMixin, OldSlugRedirectMixin, DetailView):
    """One event story as a calendar of one event; a withdrawn one answers cancelled for a while."""

    cache_dependencies = (g.NEWS_ITEM, g.COUNTRIES)

    def get_queryset(self):
        withdrawn_since = timezone.now() - happenings.CANCELLED_KEPT
        return NewsItem.objects.in_calendars(withdrawn_since).prefetch_related("countries")

    def get_moved_url(self, moved):
        return moved.get_calendar_url()

    def render_to_response(self, context, **kwargs):
        event = happenings.from_story(self.object)
        return calendar_response([event], event.title)
