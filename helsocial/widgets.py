"""Widgets shared by the apps' forms."""

from html import escape

from django import forms
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

    def render(self, name, value, attrs=None, renderer=None):
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
