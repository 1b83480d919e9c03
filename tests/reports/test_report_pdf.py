"""The annual report as a PDF (portal/pdf.py, WeasyPrint): what it holds, its numbered contents,
that it loads nothing from another host, its cache, and the portal without WeasyPrint."""

import io
import os
import re
import sys
import threading
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from portal import pdf
from tests.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db

# The four source documents' reports (shared/seeds/README): ICLEI East Asia 2022 and 2020,
# the NEASPEC note of October 2023, CityNet 2022.
SEED_REPORTS = [
    ("iclei-east-asia", 2022, "ICLEI East Asia"),
    ("iclei-east-asia", 2020, "ICLEI East Asia"),
    ("neaspec", 2023, "NEASPEC"),
    ("citynet", 2022, "CityNet"),
]
CONTENTS_LINE = re.compile(r"^(?P<heading>\S.*?)\s*\.{3,}\s*(?P<page>\d+)$")


@pytest.fixture
def weasyprint_ready():
    """The PDF tests need WeasyPrint and Pango: skipped on a machine without them, but a failure
    in CI (.ci/run installs Pango), where a skip would hide that the PDF is never tested."""
    if not pdf.available():
        if os.environ.get("CI"):
            pytest.fail("WeasyPrint or Pango is missing in CI: the report PDF is untested.")
        pytest.skip("WeasyPrint or Pango is not installed")


@pytest.fixture
def without_weasyprint(monkeypatch):
    """A portal where `import weasyprint` fails, as on a server without the `pdf` extra."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    pdf._weasyprint.cache_clear()
    yield
    monkeypatch.undo()
    pdf._weasyprint.cache_clear()


def pages_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def contents(pages: list[str]) -> list[tuple[str, int]]:
    """(heading, page number) of each line of the contents list (on the first two pages)."""
    lines = "\n".join(pages[:2]).splitlines()
    start = lines.index("Contents")
    found = []
    for line in lines[start + 1 :]:
        match = CONTENTS_LINE.match(line.strip())
        if not match:
            break
        found.append((match["heading"], int(match["page"])))
    return found


def section_headings(html: str) -> dict[str, str]:
    """Each contents label of the print view with the first heading of the section it links to
    (the contents say "Forewords", the section's heading is "Foreword")."""
    nav = re.search(r'<nav class="report-toc".*?</nav>', html, re.S)[0]
    found = {}
    for anchor, label in re.findall(r'<a href="#([\w-]+)">(.*?)</a>', nav):
        section = re.search(rf'<section id="{anchor}".*?<h2[^>]*>(.*?)</h2>', html, re.S)
        found[unescape(label)] = unescape(re.sub(r"<[^>]+>", "", section[1])).strip()
    return found


def test_pdf_is_made_in_ci():
    """CI installs WeasyPrint and Pango, so the PDF tests below run there rather than skip."""
    if os.environ.get("CI"):
        assert pdf.available()


@pytest.mark.parametrize(("slug", "year", "name"), SEED_REPORTS)
def test_seed_report_pdf_holds_the_report_with_numbered_contents(
    seeded, weasyprint_ready, client, slug, year, name
):
    """Each document's report is a PDF with its network, year and sections, and every contents
    line names the page its section heading is on."""
    response = client.get(f"/reports/{slug}/{year}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{slug}-{year}-annual-report.pdf"'
    pages = pages_text(response.content)
    assert name in pages[0] and str(year) in pages[0]
    # The running header names the network and the year on every page but the cover.
    assert all(f"{name}" in page and f"Annual report {year}" in page for page in pages[1:])
    listed = contents(pages)
    assert len(listed) >= 3, pages[0]
    headings = section_headings(client.get(f"/reports/{slug}/{year}/print/").content.decode())
    assert [label for label, _ in listed] == list(headings)
    for label, number in listed:
        assert 1 <= number <= len(pages)
        lines = [line.strip() for line in pages[number - 1].splitlines()]
        heading = headings[label]
        assert heading in lines, f"{label}: {heading!r} is not on page {number}"
    assert [number for _, number in listed] == sorted(number for _, number in listed)
    assert "Download PDF" not in "".join(pages)  # the link is the page's, not the paper's


def test_seed_report_pages_link_to_the_pdf(seeded, weasyprint_ready, client):
    """The report page and its print view both offer the PDF of what they show."""
    for path in ("/reports/iclei-east-asia/2022/", "/reports/iclei-east-asia/2022/print/"):
        page = client.get(path).content.decode()
        assert 'href="/reports/iclei-east-asia/2022.pdf"' in page
        assert "Download PDF" in page
    live = client.get("/reports/iclei-east-asia/2022/?live=1").content.decode()
    assert 'href="/reports/iclei-east-asia/2022.pdf?live=1"' in live


def test_pdf_leaves_out_drafts_and_follows_a_change(weasyprint_ready, client, staff_client):
    """A draft event is not in the PDF; a change to the records gives a new PDF at once."""
    network = NetworkFactory(slug="pdf-net", name="Pdf Test Network")
    EventFactory(title="Held Summit Of Cities", networks=[network])
    EventFactory(title="Secret Draft Forum", networks=[network], is_published=False)
    response = client.get("/reports/pdf-net/2022.pdf")
    assert response.status_code == 200
    text = "".join(pages_text(response.content))
    assert "Held Summit Of Cities" in text
    assert "Secret Draft Forum" not in text
    # Staff get the same public report, drafts left out.
    assert "Secret Draft Forum" not in "".join(
        pages_text(staff_client.get("/reports/pdf-net/2022.pdf").content)
    )
    EventFactory(title="Workshop Added Later", networks=[network])
    assert "Workshop Added Later" in "".join(
        pages_text(client.get("/reports/pdf-net/2022.pdf").content)
    )


def test_second_request_is_served_from_the_cache(weasyprint_ready, client, staff_client):
    """The second request for a PDF reads no record: the bytes come from the cache."""
    network = NetworkFactory(slug="pdf-net", name="Pdf Test Network")
    EventFactory(title="Held Summit Of Cities", networks=[network])
    first = client.get("/reports/pdf-net/2022.pdf")
    assert first.status_code == 200
    # Staff bypass the page cache (core/page_cache.py), so this answer is the PDF cache's.
    with CaptureQueriesContext(connection) as captured:
        second = staff_client.get("/reports/pdf-net/2022.pdf")
    assert second.status_code == 200 and second.content == first.content
    read = [q["sql"] for q in captured.captured_queries]
    assert not [sql for sql in read if "network_" in sql or "events_" in sql], read


def test_unknown_report_or_bad_choice_is_not_a_pdf(weasyprint_ready, client):
    NetworkFactory(slug="pdf-net")
    assert client.get("/reports/no-such-network/2022.pdf").status_code == 404
    bad = client.get("/reports/pdf-net/2022.pdf?edition=x")
    assert bad.status_code == 400
    assert "edition" in bad.content.decode()


def test_without_weasyprint_no_link_and_404(without_weasyprint, client):
    """Without WeasyPrint the report has no PDF link and the PDF address says why it is 404."""
    network = NetworkFactory(slug="pdf-net")
    EventFactory(title="Held Summit Of Cities", networks=[network])
    assert not pdf.available()
    page = client.get("/reports/pdf-net/2022/")
    assert page.status_code == 200 and "Held Summit Of Cities" in page.content.decode()
    assert "Download PDF" not in page.content.decode()
    assert "Download PDF" not in client.get("/reports/pdf-net/2022/print/").content.decode()
    response = client.get("/reports/pdf-net/2022.pdf")
    assert response.status_code == 404
    assert "PDFs of reports are not available" in response.content.decode()


class Recorder(BaseHTTPRequestHandler):
    """An HTTP server on another port (another host to the portal) that notes every request."""

    requested: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.requested.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red; }")

    def log_message(self, *args):
        pass


@pytest.fixture
def other_host():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.requested = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_pdf_fetches_nothing_from_another_host(weasyprint_ready, other_host):
    """A stylesheet and an image on another host in the HTML are never requested; this site's
    static files are read from storage."""
    html = (
        f'<html><head><link rel="stylesheet" href="{other_host}/evil.css">'
        '<link rel="stylesheet" href="/static/css/report-print.css"></head>'
        f'<body><p>Hello</p><img src="{other_host}/tracker.png"></body></html>'
    )
    content = pdf.render(html, base_url="http://testserver/")
    assert content.startswith(b"%PDF")
    assert "Hello" in pages_text(content)[0]
    assert Recorder.requested == []


def test_local_file_reads_static_and_media_and_refuses_the_rest(settings, other_host):
    """Only this host's /static/ and /media/ files, inside their folders, are read."""
    content, mime_type = pdf.local_file(
        "http://testserver/static/css/report-print.css", host="testserver"
    )
    assert b"target-counter" in content and mime_type == "text/css"
    (settings.MEDIA_ROOT / "covers").mkdir(parents=True)
    (settings.MEDIA_ROOT / "covers" / "a.jpg").write_bytes(b"jpeg bytes")
    assert pdf.local_file("http://testserver/media/covers/a.jpg", host="testserver") == (
        b"jpeg bytes",
        "image/jpeg",
    )
    for url in (
        f"{other_host}/static/css/report-print.css",
        "http://testserver/static/../../portal/settings.py",
        "http://testserver/media/%2e%2e/%2e%2e/portal/settings.py",
        "http://testserver/admin/",
        "file:///etc/passwd",
        "http://testserver/static/css/no-such-file.css",
    ):
        with pytest.raises(pdf.RefusedAddress):
            pdf.local_file(url, host="testserver")
    assert Recorder.requested == []
