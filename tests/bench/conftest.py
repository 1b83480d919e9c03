import os

import pytest


def pytest_collection_modifyitems(config, items):
    """Benchmarks run only through `make bench` (PORTAL_BENCH=1), never in `make test`."""
    if os.environ.get("PORTAL_BENCH") == "1":
        return
    skip = pytest.mark.skip(reason="benchmark: run with `make bench`")
    for item in items:
        if "tests/bench/" in str(item.fspath):
            item.add_marker(skip)
