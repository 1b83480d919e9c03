"""Membership sections that tell the truth, and labels rather than codes, on the seed content:
the stated figure leads where the directory is incomplete; a network whose source names no
member says so; pairing themes, languages, the team and the offices read as people write them."""

import re

import pytest

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def section(response, start: str, end: str = "</section>") -> str:
    html = response.content.decode()
    part = html[html.index(start) :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part[: part.index(end)]))


def test_iclei_2022_report_leads_with_the_stated_101_and_the_directorys_2_beside(seeded, client):
    """000:80 "101 local governments" (in East Asia) leads; the directory's two named members
    read as members in the directory, not as the network's size, and not as "2 members: 2"."""
    membership = section(client.get("/reports/iclei-east-asia/2022/"), 'id="membership"')
    assert re.search(r"101 Local governments in the East Asian region .*stated", membership, re.I)
    assert "2 members in the directory on" in membership
    assert membership.index("101") < membership.index("2 members in the directory")
    assert "Members by type" not in membership  # one type: the chart would repeat the total
    data = client.get("/api/v1/reports/iclei-east-asia/2022/").json()["membership"]
    assert (data["stated_total"]["value"], data["total"]) == ("101", 2)


def test_citynet_2022_report_leads_with_its_stated_154(seeded, client):
    """003:142 "154 MEMBERS": three corporate members are not named, so the 151 in the
    directory follow the stated figure; full and associate members are still counted apart."""
    membership = section(client.get("/reports/citynet/2022/"), 'id="membership"')
    assert re.search(r"154 members \( ?stated, CityNet Annual Report 2022", membership)
    assert "151 members in the directory" in membership
    assert "Members by type" in membership


def test_neaspec_shows_no_zero_members_but_who_takes_part(seeded, client):
    """002:83 "The Meeting may wish to request member States": the note names no member, so no
    "0 members"; the 2023 report and the network page name the cities in its programmes
    (002:49 "the secretariat organized a training workshop in Ulaanbaatar, Mongolia")."""
    report = section(client.get("/reports/neaspec/2023/"), 'id="membership"')
    assert "0 members" not in report
    assert "The directory lists no members of NEASPEC." in report
    assert "Ulaanbaatar" in report
    page = section(client.get("/networks/neaspec/"), 'id="members-heading"')
    assert "0 members" not in page
    assert "The directory lists no members of NEASPEC." in page
    # 002:47 "peer review workshops were organized in Wuhan, China, in 2018, and Guangzhou,
    # China and Gwangju, Republic of Korea, in 2019"
    for city in ("Wuhan", "Guangzhou", "Gwangju", "Ulaanbaatar"):
        assert city in page


def test_iclei_network_page_leads_with_the_stated_figure(seeded, client):
    members = section(client.get("/networks/iclei-east-asia/"), 'id="members-heading"')
    assert re.search(r"101 Local governments in the East Asian region .*stated", members, re.I)
    assert "2 members in the directory" in members
    assert not re.search(r"members in the directory 2 Members", members)


def test_pairing_themes_show_their_labels_and_the_api_gives_both(seeded, client):
    """A pairing themed "circular" (the slug of ICLEI's pathway) reads "Circular Development"."""
    report = text(client.get("/reports/iclei-east-asia/2022/"))
    assert "Circular Development" in report
    assert not re.search(r"(Yokohama|Turku) circular\b", report)
    assert not re.search(r"\blow-emission\b", report)
    member = text(client.get("/members/seoul/"))
    assert "Low Emission Development" in member and "low-emission" not in member
    rows = client.get("/api/v1/pairings/?page_size=100").json()["results"]
    themed = {(row["theme"], row["theme_label"]) for row in rows}
    assert ("low-emission", "Low Emission Development") in themed
    assert ("Air Quality", "Air Quality") in themed  # written as a label: kept


def test_a_post_two_reports_list_is_shown_once_on_the_network_page(seeded, client):
    """000:994 and 001:15 both name Shu Zhu, Regional Director & China Representative."""
    team = section(client.get("/networks/iclei-east-asia/"), 'id="team-heading"')
    assert team.count("Shu Zhu") == 1


def test_no_secretariat_secretariat_heading(seeded, client):
    for slug in ("iclei-east-asia", "citynet"):
        page = text(client.get(f"/networks/{slug}/"))
        assert "Secretariat Secretariat" not in page


def test_the_report_names_languages_and_never_prints_und(seeded, client):
    """The URA Periodical's edition of Aug 2020 states no language (stored as "und"): the 2020
    report lists it without a language code."""
    for url in ("/reports/iclei-east-asia/2020/", "/reports/iclei-east-asia/2020/print/"):
        page = text(client.get(url))
        assert "URA Periodical" in page
        assert not re.search(r"\bund\b", page)
    page = text(client.get("/reports/iclei-east-asia/2022/"))
    assert not re.search(r"(^| )en · ", page)


def test_home_page_cards_tell_the_same_truth(seeded, client):
    """The home page's network cards: ICLEI East Asia's stated 101 (000:80) leads its two named
    members; NEASPEC, whose note names no member States, reads as such, never "0 members"."""
    home = client.get("/").content.decode()
    iclei = section_of_card(home, "ICLEI East Asia")
    assert re.search(
        r"<strong>101</strong> Local governments in the East Asian region", iclei, re.I
    )
    assert "<p>2 members in the directory</p>" in iclei
    neaspec = section_of_card(home, "NEASPEC")
    assert "The directory lists no members of NEASPEC." in neaspec
    assert "<strong>0</strong>" not in neaspec


def section_of_card(html: str, name: str) -> str:
    start = html.index(f">{name}</a></h2>")
    return html[start : html.index("</li>", start)]
