"""{% once %}: a block rendered once per language (and URLconf, script prefix, settings), kept."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.urls import set_script_prefix
from django.utils import translation

from conference.templatetags.once import OnceNode

HEADER = (
    "{% load i18n once %}{% once %}"
    '<a href="{% url \'home\' %}">{% translate "Agendas" %}</a>'
    "{% endonce %}"
)


def _render(template: Template, language: str) -> str:
    with translation.override(language):
        return template.render(Context())


def test_once_renders_what_the_block_renders_in_each_language():
    template = Template(HEADER)

    assert [_render(template, language) for language in ("en", "zh-hans", "en")] == [
        '<a href="/">Agendas</a>',
        '<a href="/">议程</a>',
        '<a href="/">Agendas</a>',
    ]
    (node,) = template.nodelist.get_nodes_by_type(OnceNode)
    assert sorted(key[0] for key in node.kept) == ["en", "zh-hans"]


def test_once_keeps_a_rendering_per_script_prefix():
    template = Template(HEADER)
    try:
        set_script_prefix("/planner/")
        under_prefix = _render(template, "en")
    finally:
        set_script_prefix("/")

    assert (under_prefix, _render(template, "en")) == (
        '<a href="/planner/">Agendas</a>',
        '<a href="/">Agendas</a>',
    )


def test_once_renders_again_after_a_setting_changed():
    template = Template("{% load static once %}{% once %}{% static 'site.css' %}{% endonce %}")
    before = _render(template, "en")
    with override_settings(STATIC_URL="/assets/"):
        during = _render(template, "en")

    assert (before, during, _render(template, "en")) == (
        "/static/site.css",
        "/assets/site.css",
        "/static/site.css",
    )


@pytest.mark.parametrize(
    "inside",
    [
        "{{ user }}",
        "{% if user %}x{% endif %}",
        "{% for x in xs %}{% endfor %}",
        "{% csrf_token %}",
        "{% block b %}{% endblock %}",
    ],
)
def test_once_refuses_what_differs_between_requests(inside):
    with pytest.raises(TemplateSyntaxError, match="keeps one rendering per language"):
        Template("{% load once %}{% once %}<p>" + inside + "</p>{% endonce %}")
