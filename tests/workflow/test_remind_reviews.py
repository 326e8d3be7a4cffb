"""manage.py remind_reviews: whoever changed a record due for review last is told, else the publishers, in their language."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.helpers.mail import MailServer, opens, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_review_reminders_go_to_whoever_changed_the_record_last_or_else_to_the_publishers(
    client, team, make_country, make_partner, mail_port
):
    editor, publisher, other_publisher = team
    today = timezone.localdate()
    slovenia = make_country(name="Slovenia", iso_code="SI", review_by=today + datetime.timedelta(days=10))
    client.force_login(editor)  # the editor is the last to change Slovenia, through the admin's history
    slovenia.review_by = today + datetime.timedelta(days=10)
    slovenia._history_user = editor
    slovenia.save()
    make_partner(name="Cosylab")  # nobody on the staff changed it: the publishers are told
    with MailServer(mail_port) as inbox:
        call_command("remind_reviews", verbosity=0)
        run_worker()
        assert inbox.messages == []  # nothing is due yet
        with time_machine.travel(timezone.now() + datetime.timedelta(days=11)):
            call_command("remind_reviews", verbosity=0)
            run_worker()
        [to_editor] = inbox.to("erika@example.org")
        assert to_editor["Subject"] == "1 record is due for review"
        assert "Slovenia" in to_editor.get_content() and "Cosylab" not in to_editor.get_content()
        assert opens(client, editor, to_editor)
        assert inbox.to("paul@example.org") == inbox.to("petra@example.org") == []
        with time_machine.travel(timezone.now() + datetime.timedelta(days=367)):
            call_command("remind_reviews", verbosity=0)
            run_worker()
            # The same day again: what was mentioned in the last seven days is not mentioned again.
            call_command("remind_reviews", verbosity=0)
            run_worker()
        [japanese] = inbox.to("petra@example.org")
        assert japanese["Subject"] == "1件の記録が確認の時期です"
        assert "Cosylab" in japanese.get_content()
        assert len(inbox.to("erika@example.org")) == 2
