"""AKN's account list offers every förvaltning in its filter: the select is written in Python
(helsocial.widgets.QuickSelect), with the HTML Django's templates write, names escaped."""

import pytest
from django import forms
from django.utils.translation import gettext_lazy as _

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


CHOICES = [("", "Alla"), ("1", 'Förvaltning "ett" <b>'), (2, "Två"), (None, "Ingen")]


@pytest.mark.parametrize("required", [True, False])
@pytest.mark.parametrize(
    "choices", [CHOICES, CHOICES[1:], [], lambda: CHOICES, [("", _("All")), ("1", _("City-wide"))]]
)
@pytest.mark.parametrize("data", [None, {"field": "1"}, {"field": "2"}, {"field": "saknas"}])
def test_the_quick_select_writes_what_djangos_select_writes(required, choices, data):
    """Plain choices are written without Django's option dicts: the same HTML, the same `required`
    (only with an empty first choice), whether the choices are a list, a callable or lazy text."""

    class Plain(forms.Form):
        field = forms.ChoiceField(choices=choices, required=required)

    class Quick(forms.Form):
        field = forms.ChoiceField(choices=choices, required=required, widget=QuickSelect)

    assert str(Quick(data)["field"]) == str(Plain(data)["field"])


def test_the_quick_select_selects_every_chosen_value_when_multiple():
    class QuickMultiple(QuickSelect):
        allow_multiple_selected = True

    expected = forms.SelectMultiple(choices=CHOICES).render("n", ["1", "2"], attrs={"id": "id_n"})
    assert QuickMultiple(choices=CHOICES).render("n", ["1", "2"], attrs={"id": "id_n"}) == expected
    assert expected.count(" selected") == 2
