from typing import Any

from django import template

from bangfu.core import masking

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context: dict[str, Any], value: str | None, kind: str) -> str:
    """Shows a resident ID or phone number as the current user may see it."""
    return masking.show(context["request"].user, value, kind)


@register.filter
def may_reveal(user: Any) -> bool:
    return masking.may_reveal(user) and not masking.sees_unmasked(user)
