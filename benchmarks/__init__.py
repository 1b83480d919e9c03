"""`make bench`: the portal under gunicorn, measured with wrk against a bare Django view and nginx.

Entry point: `python -m benchmarks.run` (see docs/benchmarks.md). Nothing here is imported by the
portal; this package may import the portal, never the other way round.
"""
