from django import template

from payouts import money

register = template.Library()


@register.filter
def fen(value) -> str:
    return money.format_fen(int(value or 0))


@register.filter
def micros(value) -> str:
    return money.format_micros(int(value or 0))
