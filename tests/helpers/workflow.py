"""Working the review workflow through the admin."""

from django.urls import reverse


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def run_action(client, action, *items, note=None):
    """Choose `action` for `items` on their list; with a `note`, also confirm it on the note step."""
    data = {"action": action, "_selected_action": [item.pk for item in items]}
    if note is not None:
        data.update(workflow_apply="1", note=note)
    else:
        data["index"] = 0
    return client.post(changelist(type(items[0])), data, follow=True)


def snapshot(obj):
    return type(obj).objects.filter(pk=obj.pk).values().get()


def form_data(response, **changes):
    """Return what the admin change form in `response` posts as it stands, with `changes` applied."""
    from django import forms
    from django.forms.models import BaseModelFormSet

    data = {}

    def add(form):
        for name, field in form.fields.items():
            if isinstance(field, forms.FileField):
                continue
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            if isinstance(field.widget, forms.MultiWidget):
                parts = value if isinstance(value, (list, tuple)) else field.widget.decompress(value)
                for index, part in enumerate(parts):
                    data[key + field.widget.widgets_names[index]] = "" if part is None else part
            elif isinstance(value, (list, tuple)):
                data[key] = [getattr(v, "pk", v) for v in value]
            elif value is True:
                data[key] = "on"
            else:
                data[key] = getattr(value, "pk", value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        assert isinstance(formset, BaseModelFormSet)
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.initial_forms:
            add(form)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def pending_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_pending", args=[obj.pk])


def publish_pending_change(obj, note="Checked."):
    """Have two other publishers submit (if need be) and approve the change waiting over `obj`."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from workflow.models import PendingChange

    from .users import staff_in

    change = PendingChange.objects.get(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
    users = get_user_model()
    for step, name in (("_submit", "sami"), ("_approve", "pia")):
        if step == "_submit" and change.state == PendingChange.State.SUBMITTED:
            continue
        user = users.objects.filter(username=name).first() or staff_in(users, name, "Publishers")
        client = Client()
        client.force_login(user)
        response = client.post(pending_url(obj), {"note": note, step: "1"})
        assert response.status_code == 302, response.content.decode()[:3000]
    assert not PendingChange.objects.filter(pk=change.pk).exists(), "approved and applied"
    obj.refresh_from_db()
    return obj
