"""Widgets shared by the apps' forms."""

from html import escape

from django import forms
from django.utils.choices import CallableChoiceIterator
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .shown_text import visible


def _attrs_html(attrs: dict) -> str:
    # django/forms/widgets/attrs.html, written out.
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A select with the same HTML as Django's templates, written in Python.

    Django renders a select through one template per option; the queue page shows three filters,
    one of them with every account, each time it refreshes, and AKN's account list offers every
    förvaltning. Option groups are not supported (the filters have none): with one, this renders
    through the templates as usual.
    """

    def _plain_choices(self) -> list | None:
        """The choices as given, when they are plain (value, label) pairs with text labels: Django
        normalizes every choice (a list the size of the choices) each time it looks at the first
        one and again when it builds the options. None: anything else (groups), normalized."""
        choices = self.choices
        if isinstance(choices, CallableChoiceIterator):
            choices = choices.func()
        if not isinstance(choices, (list, tuple)):
            return None
        choices = list(choices)
        if all(
            isinstance(choice, (list, tuple)) and len(choice) == 2 and isinstance(choice[1], (str, Promise))
            for choice in choices
        ):
            return choices
        return None

    def use_required_attribute(self, initial):
        choices = self._plain_choices()
        if choices is None or self.allow_multiple_selected:
            return super().use_required_attribute(initial)
        # forms.Select's rule, on the first choice as given.
        return (
            forms.Widget.use_required_attribute(self, initial)
            and bool(choices)
            and self._choice_has_empty_value(choices[0])
        )

    def render(self, name, value, attrs=None, renderer=None):
        choices = self._plain_choices()
        if choices is not None:
            return self._render_plain(name, value, attrs, choices)
        context = self.get_context(name, value, attrs)["widget"]
        groups = context["optgroups"]
        if any(group_name for group_name, _choices, _index in groups):
            return super().render(name, value, attrs, renderer)
        # One f-string per option (format_html's machinery per option was most of the filters' time);
        # the value and the label escaped as format_html escapes them.
        options = "".join(
            f'\n  <option value="{escape(str(option["value"]))}"'
            f"{_attrs_html(option['attrs']) if option['attrs'] else ''}>"
            f"{escape(visible(option['label']))}</option>\n"  # an <option> takes no <bdi>: write controls out
            for _name, choices, _index in groups
            for option in choices
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            context["name"],
            mark_safe(_attrs_html(context["attrs"])),  # noqa: S308 - built with format_html
            mark_safe(options),  # noqa: S308 - built with format_html
        )

    def _render_plain(self, name, value, attrs, choices) -> str:
        """Plain choices in one pass, without an option dict per choice: what ChoiceWidget.optgroups
        and create_option would give (the first matching choice selected, or every one when
        multiple)."""
        context = forms.Widget.get_context(self, name, value, attrs)["widget"]
        if self.allow_multiple_selected:
            context["attrs"]["multiple"] = True
        chosen = set(context["value"])
        parts = []
        has_selected = False
        for option_value, label in choices:
            if option_value is None:
                option_value = ""
            selected = (not has_selected or self.allow_multiple_selected) and str(option_value) in chosen
            has_selected |= selected
            parts.append(
                f'\n  <option value="{escape(str(option_value))}"{" selected" if selected else ""}>'
                f"{escape(visible(label))}</option>\n"
            )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            context["name"],
            mark_safe(_attrs_html(context["attrs"])),  # noqa: S308 - built with format_html
            mark_safe("".join(parts)),  # noqa: S308 - every value and label escaped above
        )
