"""The portal's own settings (production with DJANGO_DEBUG=0), plus the benchmark's reference view.

Only two things differ from portal.settings: the root URLs (the portal's, plus the reference
view, benchmarks.urls) and where collectstatic writes (a temporary folder of the run).
"""

from portal.env import env
from portal.settings import *  # noqa: F403
from portal.settings import STATIC_ROOT as _PORTAL_STATIC_ROOT

ROOT_URLCONF = "benchmarks.urls"
STATIC_ROOT = env.path("BENCH_STATIC_ROOT", default=str(_PORTAL_STATIC_ROOT))
