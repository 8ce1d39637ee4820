"""AKN's account list offers every förvaltning in its filter: the select is written in Python
(helsocial.widgets.QuickSelect), with the HTML Django's templates write, names escaped."""

import pytest
from django import forms

from accounts.forms import AccountFilterForm
from accounts.models import Administration
from helsocial.widgets import QuickSelect

pytestmark = pytest.mark.django_db


def test_the_forvaltning_filter_is_the_templates_select_written_in_python():
    Administration.objects.create(name='Förvaltning <script>alert("x")</script>')
    Administration.objects.create(name="Kulturförvaltningen")
    form = AccountFilterForm({"administration": str(Administration.objects.last().pk)})
    field = form["administration"]
    assert isinstance(field.field.widget, QuickSelect)
    plain = forms.Select(choices=list(field.field.choices))
    plain.attrs = field.field.widget.attrs
    assert str(field) == plain.render("administration", field.value(), attrs={"id": "id_administration"})
    assert "<script>" not in str(field) and "&lt;script&gt;" in str(field)
