import datetime

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from core.filters import FilterForm
from countries.models import Country

from .models import Category
from .spreadsheets import SpreadsheetError, Table, read_table


class ChronologyFilterForm(FilterForm):
    """The timeline's filters: ?country=a&country=b&category=KEY&from=1990&to=2000."""

    country = forms.ModelMultipleChoiceField(
        Country.objects.published(),
        to_field_name="slug",
        required=False,
        label=_("Countries"),
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ModelChoiceField(
        Category.objects.all(),
        to_field_name="key",
        required=False,
        label=_("Category"),
        empty_label=_("All categories"),
    )

    def clean_country(self):
        # A list, so that no country chosen counts as no filter.
        return list(self.cleaned_data["country"])

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first is not None and last is not None and last < first:
            self.add_error("to", _("The last year cannot come before the first year."))
        return cleaned


# "from" is a Python keyword, so the year fields that read well in links
# (?from=1990&to=2000) are added by name.
ChronologyFilterForm.base_fields.update(
    {
        "from": forms.IntegerField(min_value=1, max_value=9999, required=False, label=_("From (year)")),
        "to": forms.IntegerField(min_value=1, max_value=9999, required=False, label=_("To (year)")),
    }
)


class ImportUploadForm(forms.Form):
    """The spreadsheet an editor uploads; cleans to a Table of text."""

    max_size = 5 * 1024 * 1024

    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "A CSV file (UTF-8) or an Excel workbook (XLSX), at most 5 MB; the first row names the columns."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_size:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="too_large")
        try:
            table = read_table(upload.read())
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error), code="unreadable") from None
        self.file_name = upload.name
        return table


class ImportConfirmForm(forms.Form):
    """The previewed rows, signed so that what is confirmed is exactly what was previewed."""

    salt = "chronology.import"
    max_age = datetime.timedelta(hours=1)

    payload = forms.CharField(widget=forms.HiddenInput)

    @classmethod
    def sign(cls, table, file_name):
        data = {"file_name": file_name, "header": table.header, "rows": table.rows}
        return signing.dumps(data, salt=cls.salt, compress=True)

    def clean_payload(self):
        try:
            data = signing.loads(self.cleaned_data["payload"], salt=self.salt, max_age=self.max_age)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("The preview is more than an hour old. Upload the file again."), code="expired"
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The preview could not be read. Upload the file again."), code="invalid"
            ) from None
        self.file_name = data["file_name"]
        return Table(header=data["header"], rows=[(number, cells) for number, cells in data["rows"]])
