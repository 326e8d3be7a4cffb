"""The review page: an unpublished story or profile shown, through its review link, exactly as it will look.

Marked "Draft for review", never cached, never indexed. The reviewer may leave
comments, which appear on the item in the admin; the link shows nothing else and
changes nothing else.
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from countries.models import Country
from countries.views import CountryDetailView
from news.models import NewsItem
from news.views import NewsItemDetailView

from . import changes
from .forms import ReviewCommentForm
from .models import ReviewComment, ReviewLink, is_public

# A link is for one reviewer and one item: more comments than this through it is not a review.
MAX_COMMENTS = 100


def _page(request, item):
    """Return (template, context) of `item`'s public page, built by its own view."""
    if isinstance(item, NewsItem):
        view = NewsItemDetailView()
        template = "news/newsitem_detail.html"
    elif isinstance(item, Country):
        item = Country.objects.for_profile().get(pk=item.pk)
        view = CountryDetailView()
        template = "countries/country_detail.html"
    else:
        raise Http404
    view.setup(request, slug=item.slug)
    view.object = item
    return template, view.get_context_data(object=item)


@never_cache
def review(request, token):
    link = ReviewLink.objects.select_related("content_type").filter(token=token).first()
    if link is None or not link.is_open():
        raise Http404
    form = ReviewCommentForm(request.POST or None)
    if request.method == "POST":
        if link.comments.count() >= MAX_COMMENTS:
            form.add_error(None, form.error_messages["too_many"])
        elif form.is_valid():
            ReviewComment.objects.create(link=link, **form.cleaned_data)
            return HttpResponseRedirect(f"{request.path}?sent=1#review-comments")
    item = link.item
    waiting = changes.pending_change(item) if is_public(item) else None
    if waiting is None:
        return _review_page(request, link, form, item)
    with changes.applied(waiting, request) as changed:
        return _review_page(request, link, form, changed)


def _review_page(request, link, form, item):
    template, context = _page(request, item)
    context.update(
        preview=True,
        review=link,
        review_form=form,
        review_comments=list(link.comments.all()),
        review_sent=request.GET.get("sent") == "1",
        review_now=timezone.now(),
    )
    response = render(request, template, context, status=400 if form.errors else 200)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Links on the page lead to public pages: the review address must not travel with them.
    response["Referrer-Policy"] = "no-referrer"
    return response
