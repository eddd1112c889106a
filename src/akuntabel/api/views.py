"""The user's API tokens: list, create (the secret shown once), revoke. Only one's own."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from akuntabel.accounts.access import visible_opd
from akuntabel.api.models import TokenApi
from akuntabel.api.tokens import buat_token, cabut_token


class TokenForm(forms.Form):
    nama = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("What the token is for, e.g. the data portal."))
    lingkup = forms.ChoiceField(label=gettext_lazy("Scope"), choices=TokenApi.Lingkup.choices)
    perangkat_daerah = forms.ModelChoiceField(
        label=gettext_lazy("Limited to perangkat daerah"), required=False,
        queryset=None, empty_label=gettext_lazy("— all I may see —"))

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["perangkat_daerah"].queryset = (  # type: ignore[attr-defined]
            visible_opd(user).select_related("pemda").order_by("pemda__nama", "nama"))


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    rahasia = ""
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        _token, rahasia = buat_token(request.user, d["nama"], d["lingkup"],
                                     d["perangkat_daerah"])
        form = TokenForm(user=request.user)
    tokens = TokenApi.objects.filter(user=request.user).select_related("perangkat_daerah")
    return render(request, "api/token.html", {"form": form, "tokens": tokens,
                                              "rahasia": rahasia})


@login_required
@require_POST
def token_cabut(request: HttpRequest, pk: int) -> HttpResponse:
    if not cabut_token(request.user, pk):
        raise Http404   # another user's token, or already revoked: nothing is said of it
    messages.success(request, _("The token was revoked; it no longer opens the API."))
    return redirect("token_api")
