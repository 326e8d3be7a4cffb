"""Validation of public list filters: a malformed filter is a clear 400."""

from django import forms
from django.http import HttpResponseBadRequest, HttpResponsePermanentRedirect, QueryDict
from django.template.loader import render_to_string


def original_query(request):
    """Return the query string as the reader sent it, with the parameters the page does not read.

    (The page cache keeps it in `request.original_query` before it drops those parameters.)
    """
    return getattr(request, "original_query", request.META.get("QUERY_STRING", ""))


class BadFilter(Exception):
    """Raised by a list view when its query parameters do not validate."""

    def __init__(self, form):
        self.form = form
        super().__init__(form.errors.as_text())


def bad_filter_response(request, error):
    html = render_to_string("400.html", {"form": error.form}, request=request)
    return HttpResponseBadRequest(html)


class FilterForm(forms.Form):
    """Base for list filters; unknown parameters (utm_*, page) are ignored."""

    def __init__(self, data):
        # A QueryDict keeps every value of a repeated parameter (?country=a&country=b);
        # empty ones (?country=&category=visit) mean "any", as an empty form field does.
        known = QueryDict(mutable=True)
        for key in self.base_fields:
            values = data.getlist(key) if hasattr(data, "getlist") else [data[key]] if key in data else []
            if values := [value for value in values if value != ""]:
                known.setlist(key, values)
        super().__init__(known)

    def validated(self):
        if not self.is_valid():
            raise BadFilter(self)
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "", [])}

    @property
    def piece_key(self):
        """Return what the form's HTML depends on, to keep it as a piece ({% piece %}); None with errors."""
        if self.errors:
            return None
        return f"{type(self).__name__}?" + "&".join(
            f"{key}={value}" for key in sorted(self.data) for value in self.data.getlist(key)
        )

    def valid_part(self):
        """Return the filters that did validate (after `validated()` refused the others)."""
        return {
            key: value
            for key, value in getattr(self, "cleaned_data", {}).items()
            if key not in self.errors and value not in (None, "", [])
        }

    def renamed_query(self, query):
        """Return `query` with the old slugs of renamed records put right, or None when none is old.

        Only asked once the form has refused a value, so a valid filter costs no query.
        """
        data = QueryDict(query, mutable=True)
        changed = False
        for name in self.errors:
            field = self.fields.get(name)
            model = getattr(getattr(field, "queryset", None), "model", None)
            if getattr(field, "to_field_name", None) != "slug" or not hasattr(model, "from_old_slug"):
                continue
            values = data.getlist(name)
            for index, value in enumerate(values):
                if field.queryset.filter(slug=value).exists():
                    continue
                moved = model.from_old_slug(value)
                if moved is not None and field.queryset.filter(pk=moved.pk).exists():
                    values[index], changed = moved.slug, True
            data.setlist(name, values)
        return data.urlencode() if changed else None


class FilteredListMixin:
    """A ListView mixin that validates `filter_form_class` and answers 400 on bad input.

    With `errors_in_page` (lists a reader filters with a form), the 400 is the
    list itself: the form keeps what was chosen and shows each error beside its
    field, and the list is filtered by the rest. Otherwise it is the error page.
    """

    filter_form_class = None
    errors_in_page = True

    def get_filter_data(self):
        """Return the parameters to validate; a view may fix some of them (a country in its path)."""
        return self.request.GET

    def get(self, request, *args, **kwargs):
        self.filter_form = self.filter_form_class(self.get_filter_data())
        try:
            self.filters = self.filter_form.validated()
        except BadFilter as error:
            # A printed link with a renamed country's old slug follows it (301).
            query = original_query(request)
            moved = self.filter_form.renamed_query(query)
            if moved is not None:
                return HttpResponsePermanentRedirect(f"{request.path}?{moved}")
            if not self.errors_in_page:
                return bad_filter_response(request, error)
            self.filters = self.filter_form.valid_part()
            response = super().get(request, *args, **kwargs)
            response.status_code = 400  # for crawlers and caches: this address is not a page of its own
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, filters=self.filters, **kwargs)
