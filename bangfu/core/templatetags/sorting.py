"""`{% sort_header "label" "column" %}`: a list's column heading that sorts by it, keeping the filters in the URL."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context: dict[str, Any], label: str, column: str) -> str:
    """A link to the same list sorted by `column` (ascending, then descending on a second click)."""
    query = context["request"].GET.copy()
    current = query.get("sort", "")
    query["sort"] = f"-{column}" if current == column else column
    query.pop("page", None)
    arrow = {column: " ▲", f"-{column}": " ▼"}.get(current, "")
    return format_html('<a href="?{}" class="sort">{}{}</a>', query.urlencode(), label, arrow)
