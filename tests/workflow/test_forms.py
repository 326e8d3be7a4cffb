"""The workflow's small forms: the note of a step (required for some), and a reviewer's comment."""

from workflow.forms import ReviewCommentForm, TransitionForm


def test_a_note_is_optional_unless_the_step_requires_one():
    assert TransitionForm({"note": ""}).is_valid()
    required = TransitionForm({"note": ""}, note_required=True, note_label="Reason for rejecting")
    assert not required.is_valid()
    assert "note" in required.errors
    assert required.fields["note"].label == "Reason for rejecting"


def test_a_reviewers_comment_needs_a_name_and_a_text_of_reasonable_length():
    assert ReviewCommentForm({"name": "Ana", "text": "The date is wrong."}).is_valid()
    assert set(ReviewCommentForm({"name": "", "text": ""}).errors) == {"name", "text"}
    too_long = ReviewCommentForm({"name": "Ana", "text": "x" * 5001})
    assert "text" in too_long.errors
