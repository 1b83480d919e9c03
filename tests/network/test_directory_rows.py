"""The member directory's rows, written in Python (network.queries.directory_rows), are what
the page's row template wrote."""

import pytest
from django.template import engines
from django.utils import translation

from network import queries
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db

ROW = (
    "{% for organisation in member_rows %}\n        <li>\n"
    '          <h2><a href="{{ organisation.url }}">{{ organisation.name }}</a>'
    '{% if organisation.native_name %} <span class="meta">{{ organisation.native_name }}</span>'
    "{% endif %}</h2>\n"
    '          <p class="meta">{{ organisation.kind }}{% if organisation.country %} · '
    "{{ organisation.country }}{% endif %}</p>\n"
    '          <p>{% for tag in organisation.tags %}<span class="tag">{{ tag }}</span> '
    "{% endfor %}</p>\n        </li>\n      {% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_directory_rows_write_what_the_row_template_wrote(language):
    """Each row's `html`: native name or not, country or not, memberships with and without a
    region, characters to escape, a Korean slug."""
    network = NetworkFactory(name="Net <&>")
    region = RegionFactory(network=network, name='East "Asia"')
    seoul = OrganisationFactory(name="Seoul & co", native_name="서울", slug="서울", country="KR")
    plain = OrganisationFactory(name="Plain", native_name="", country="", kind="ngo")
    MembershipFactory(organisation=seoul, network=network, region=region, type="associate")
    MembershipFactory(organisation=plain, network=network, type="full")
    with translation.override(language):
        organisations = list(queries.member_directory().filter(pk__in=[seoul.pk, plain.pk]))
        rows = queries.directory_rows(organisations)
        expected = engines["django"].from_string(ROW).render({"member_rows": rows})
        assert "".join(row["html"] for row in rows) == expected
    assert "/members/%EC%84%9C%EC%9A%B8/" in expected
    member = {"en": "Associate member", "ko": "준회원"}[language]  # in the page's language
    assert f"Net &lt;&amp;&gt;: {member}, East &quot;Asia&quot;" in expected
