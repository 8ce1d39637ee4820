"""Saved replies (svarsmallar): who may edit which, the form, and which ones a comment is offered.

AKN edits all, the city-wide ones included; a förvaltning's communications lead edits the
förvaltning's own. Another förvaltning's saved reply is a 404; a city-wide one, or one of the own
förvaltning for someone who is not its lead, is a 403.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.access import roles_of
from accounts.models import Administration, Role, User
from helsocial.fields import formfield
from helsocial.forms import SingleLineInputsMixin

from .models import Comment, SavedReply


def can_edit_saved_replies(user: User) -> bool:
    rs = roles_of(user)
    return rs.is_akn or bool(rs.administration_ids(Role.LEAD))


def saved_replies_editable_by(user: User) -> QuerySet[SavedReply]:
    rs = roles_of(user)
    if rs.is_akn:
        return SavedReply.objects.all()
    return SavedReply.objects.filter(administration_id__in=rs.administration_ids(Role.LEAD))


def administrations_for_saved_replies(user: User) -> QuerySet[Administration]:
    rs = roles_of(user)
    if rs.is_akn:
        return Administration.objects.all()
    return Administration.objects.filter(pk__in=rs.administration_ids(Role.LEAD))


def get_saved_reply_for_user(user: User, pk: int) -> SavedReply:
    reply = saved_replies_editable_by(user).select_related("administration").filter(pk=pk).first()
    if reply is not None:
        return reply
    found = SavedReply.objects.filter(pk=pk).values_list("administration_id", flat=True).first()
    own = roles_of(user).administration_ids()
    if found is None and SavedReply.objects.filter(pk=pk, administration__isnull=True).exists():
        raise PermissionDenied  # a city-wide reply: everyone may know the city has it
    if found is not None and found in own:
        raise PermissionDenied
    raise Http404


def require_edit_saved_replies(user: User) -> None:
    if not can_edit_saved_replies(user):
        raise PermissionDenied


def saved_replies_for_comment(comment: Comment) -> QuerySet[SavedReply]:
    """The city-wide saved replies and those of the comment's förvaltning (queue and account)."""
    ids = {comment.queue_administration_id, comment.account.administration_id}
    return SavedReply.objects.filter(Q(administration__isnull=True) | Q(administration_id__in=ids))


class SavedReplyForm(SingleLineInputsMixin, forms.ModelForm):
    class Meta:
        model = SavedReply
        formfield_callback = formfield
        fields = ["administration", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["administration"]
        field.queryset = administrations_for_saved_replies(user)
        if not roles_of(user).is_akn:
            field.required = True  # only AKN writes the city-wide ones
            field.empty_label = None
        else:
            field.empty_label = _("The whole city")
        for name in ("title", "text"):
            self.fields[name].widget.attrs["class"] = "form-control"
        field.widget.attrs["class"] = "form-select"
