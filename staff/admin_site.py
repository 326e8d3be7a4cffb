"""The admin site: optional TOTP two-factor authentication for staff.

Staff who enrol an authenticator app (Admin → Two-factor authentication) must
type its code at every login; staff who have not enrolled log in with their
password alone. A session that logged in without the code never reaches the
admin of an enrolled account.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit


class TokenField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}),
        )
        super().__init__(**kwargs)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin login, asking for the authenticator code of staff who enrolled one."""

    otp_token = TokenField(
        label=_("Authentication code"),
        required=False,
        help_text=_("Only if you have turned on two-factor authentication: the code your app shows."),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            token = cleaned_data.get("otp_token")
            device = match_token(user, token) if token else None
            if device is None:
                error = (
                    _("The authentication code is not right. Codes change every 30 seconds.")
                    if token
                    else _("Enter the code your authenticator app shows.")
                )
                audit.record(user, audit.Action.LOGIN_FAILED, request=self.request, message=error)
                raise ValidationError({"otp_token": error})
            # django_otp marks the session verified when the login completes.
            user.otp_device = device
        return cleaned_data


class TwoFactorForm(forms.Form):
    otp_token = TokenField(label=_("Code from your app"))

    def __init__(self, *args, device, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip()
        if not self.device.verify_token(token):
            raise ValidationError(_("That code is not right. Check that your phone's clock is correct."))
        return token


def qr_data_uri(text):
    """Return a QR code of `text` as an SVG data URI (allowed by the admin's CSP)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=8)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


class AdminSite(admin.AdminSite):
    login_form = AdminLoginForm
    login_template = "admin/login_two_factor.html"
    # The front page lists every section (and what needs attention); the breadcrumbs lead back to it.
    # A second list beside every form took 300 px a laptop's forms and lists need.
    enable_nav_sidebar = False

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        verified = getattr(request.user, "is_verified", lambda: False)()
        return verified or not user_has_device(request.user)

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view(self.two_factor_view), name="two-factor"),
            *super().get_urls(),
        ]

    def two_factor_view(self, request):
        """Let a staff member turn two-factor authentication on or off for their own account."""
        user = request.user
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        enrolled = device is not None
        if not enrolled:
            device = TOTPDevice.objects.filter(
                user=user, confirmed=False
            ).first() or TOTPDevice.objects.create(
                user=user, name=str(_("Authenticator app")), confirmed=False
            )
        form = TwoFactorForm(request.POST or None, device=device)
        if request.method == "POST" and form.is_valid():
            if enrolled:
                TOTPDevice.objects.filter(user=user).delete()
                audit.record(user, audit.Action.TWO_FACTOR_DISABLED, request=request)
                messages.success(request, _("Two-factor authentication is off."))
            else:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                audit.record(user, audit.Action.TWO_FACTOR_ENABLED, request=request)
                messages.success(
                    request, _("Two-factor authentication is on: log in with a code from now on.")
                )
            return redirect("admin:two-factor")
        context = {
            **self.each_context(request),
            "title": _("Two-factor authentication"),
            "enrolled": enrolled,
            "form": form,
            "qr_code": None if enrolled else qr_data_uri(device.config_url),
            "secret": None if enrolled else base64.b32encode(device.bin_key).decode("ascii"),
        }
        return TemplateResponse(request, "admin/two_factor.html", context)
