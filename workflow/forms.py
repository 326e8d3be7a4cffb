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
