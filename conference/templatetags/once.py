"""`{% once %}…{% endonce %}`: markup rendered once per process and language, then reused.

base.html's header is the same on every page but for the user's name and forms: its links are
`{% url %}` and `{% translate %}` tags whose output depends only on the active language (and on
the URLconf and script prefix, which do not change in a running process). Rendering them costs
a few hundred Python calls a page; a kept string costs a dictionary look-up.

The block may hold only what depends on nothing but the language: text, `{% translate %}`,
`{% url %}` and `{% static %}` with fixed arguments. A variable, `{% if %}`, `{% for %}`,
`{% csrf_token %}` or `{% block %}` inside it is refused when the template is compiled. Kept
renderings are dropped when a setting changes (tests' override_settings).
"""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.template.defaulttags import CsrfTokenNode, ForNode, IfNode
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# Nodes whose output may differ between two requests in the same language.
PER_REQUEST_NODES = (template.base.VariableNode, IfNode, ForNode, CsrfTokenNode, BlockNode)

_generation = 0


def rendering_key(context: template.Context) -> tuple:
    """What a kept rendering depends on: the language, the URLconf, the script prefix, and the
    settings (a changed setting starts a new generation). The URLconf and prefix are the
    request's, so they are asked once per page (`context` is the page's)."""
    urls = getattr(context, "_once_urls", None)
    if urls is None:
        urls = context._once_urls = (get_urlconf(), get_script_prefix())
    return (get_language(), urls, _generation)


def _new_generation(**_kwargs) -> None:
    global _generation
    _generation += 1


setting_changed.connect(_new_generation)


class OnceNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist
        self.kept: dict[tuple, SafeString] = {}

    def render(self, context: template.Context) -> SafeString:
        key = rendering_key(context)
        rendered = self.kept.get(key)
        if rendered is None:
            if len(self.kept) > 16:  # old generations
                self.kept.clear()
            rendered = self.kept[key] = self.nodelist.render(context)
        return rendered


@register.tag
def once(parser: template.base.Parser, token: template.base.Token) -> OnceNode:
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    for kind in PER_REQUEST_NODES:
        if nodelist.get_nodes_by_type(kind):
            raise template.TemplateSyntaxError(
                f"{{% once %}} keeps one rendering per language: no {kind.__name__} inside it"
            )
    return OnceNode(nodelist)
