from django import forms
from django.utils.translation import gettext_lazy as _


class TransitionForm(forms.Form):
    """The small step between choosing a workflow action and applying it: the note."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Kept with the item's review history; the author and publishers read it."),
    )

    def __init__(self, *args, note_required=False, note_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = note_required
        if note_label:
            self.fields["note"].label = note_label


class ReviewCommentForm(forms.Form):
    """A reviewer's comment on a draft, sent through a review link."""

    error_messages = {"too_many": _("This link has taken as many comments as it can. Write to us instead.")}

    name = forms.CharField(
        label=_("Your name"), max_length=100, help_text=_("Shown with your comment to the site's editors.")
    )
    text = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should change before this is published? Only the site's editors read it."),
    )
