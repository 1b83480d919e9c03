"""The constant 30 KB body: served by the reference view (Django's own cost per request) and,
byte for byte, as a static file by nginx (the machine's cost of serving 30 KB over HTTP)."""

REFERENCE_PATH = "/__bench__/reference/"
STATIC_NAME = "reference.html"
SIZE = 30 * 1024


def body() -> bytes:
    head = b"<!doctype html>\n<html lang=en><title>Reference</title><body>\n"
    tail = b"\n</body></html>\n"
    line = b"<p>A constant body of thirty kilobytes, the same on every request.</p>\n"
    filler = (line * (SIZE // len(line) + 1))[: SIZE - len(head) - len(tail)]
    return head + filler + tail
