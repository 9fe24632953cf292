from django import template

from market_intel.markdown import render

register = template.Library()


@register.filter
def markdown(text):
    """A report's Markdown as cleaned HTML (``market_intel.markdown``)."""
    return render(text)
