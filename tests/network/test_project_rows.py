"""The project page's participants and pairings, written in Python (network.queries), are what
its template wrote for them."""

import datetime as dt

import pytest
from django.template import engines
from django.utils import translation

from network import queries
from network.models import ProjectParticipant, StudyVisit
from tests.factories import CityPairingFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

# The project page's former template for these two sections.
PARTICIPANTS = (
    "{% for role in roles %}\n    <h2>{{ role.grouper }}</h2>\n"
    '    <ul>{% for p in role.list %}<li><a href="{{ p.organisation.get_absolute_url }}">'
    "{{ p.organisation.name }}</a></li>{% endfor %}</ul>\n  {% endfor %}"
)
PAIRINGS = (
    '{% for pairing in pairings %}<li><a href="{{ pairing.first.get_absolute_url }}">'
    "{{ pairing.first.short_name|default:pairing.first.name }}</a> &amp; "
    '<a href="{{ pairing.second.get_absolute_url }}">'
    "{{ pairing.second.short_name|default:pairing.second.name }}</a>"
    "{% if pairing.theme %} — {{ pairing.theme }}{% endif %}\n"
    "    {% if pairing.visit_list %}<ul>{% for visit in pairing.visit_list %}"
    "<li>{{ visit.place.short_name|default:visit.place.name }}: {{ visit.when }} "
    "({{ visit.get_status_display }})</li>{% endfor %}</ul>{% endif %}</li>{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_project_rows_write_what_the_template_wrote(language):
    """Participants grouped by role and pairings with their visits: the same HTML, with
    characters to escape and non-Latin slugs."""
    project = ProjectFactory()
    seoul = OrganisationFactory(name="Seoul <&>", slug="서울", short_name="")
    tokyo = OrganisationFactory(name="Tokyo Metropolis", slug="東京", short_name='T "M"')
    other = OrganisationFactory(name="Aalborg")
    for organisation, role in ((seoul, "lead"), (tokyo, "partner"), (other, "partner")):
        ProjectParticipant.objects.create(project=project, organisation=organisation, role=role)
    pairing = CityPairingFactory(programme=project, first=seoul, second=tokyo, theme="Air & co")
    StudyVisit.objects.create(
        pairing=pairing, place=tokyo, start=dt.date(2022, 5, 1), status="done", note=""
    )
    CityPairingFactory(programme=project, first=other, second=seoul, theme="")

    engine = engines["django"]
    with translation.override(language):
        participants = project.participants.select_related("organisation").order_by(
            "role", "organisation__name"
        )
        regrouped = engine.from_string(
            "{% regroup participants by get_role_display as roles %}" + PARTICIPANTS
        ).render({"participants": participants})
        pairings = queries.published_pairings().filter(programme=project).order_by("pk")
        listed = engine.from_string(PAIRINGS).render({"pairings": pairings})

        assert "".join(queries.participant_groups(participants)) == regrouped
        items = queries.project_pairing_items(
            queries.published_pairings(agreements=False).filter(programme=project).order_by("pk")
        )
        assert "".join(items) == listed
    assert regrouped.count("<h2>") == 2
    assert "/members/%EC%84%9C%EC%9A%B8/" in listed


# The projects page's former row template.
PROJECT_ROW = (
    "{% for project in projects %}\n        <li>\n"
    '          <h2><a href="{{ project.get_absolute_url }}">{{ project.title }}</a>'
    '{% if project.acronym %} <span class="meta">({{ project.acronym }})</span>{% endif %}</h2>\n'
    '          <p class="meta">{{ project.network.name }}{% if project.when %} · '
    "{{ project.when }}{% endif %} · {{ project.get_status_display }}</p>\n"
    "          {% if project.theme_list %}<p>{% for theme in project.theme_list %}"
    '<span class="tag">{{ theme.name }}</span> {% endfor %}</p>{% endif %}\n'
    "        </li>\n      {% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_project_items_write_what_the_row_template_wrote(language):
    """Each project's <li>: with or without acronym, dates and themes, escaped, CJK slug."""
    from network.views import _projects_page
    from tests.factories import ThemeFactory

    dated = ProjectFactory(
        title='Low <carbon> & "co"', acronym="L&C", slug="低碳", start=dt.date(2021, 1, 1)
    )
    dated.themes.add(ThemeFactory(network=dated.network, name="Air & water"))
    ProjectFactory(title="Plain", acronym="", slug="plain", start=None)
    with translation.override(language):
        projects = list(_projects_page().order_by("title"))
        expected = engines["django"].from_string(PROJECT_ROW).render({"projects": projects})
        assert "".join(queries.project_items(projects)) == expected
    assert "/projects/%E4%BD%8E%E7%A2%B3/" in expected
