"""The one place settings read the environment.

Every setting that differs between a developer's laptop, CI and production comes from an
environment variable read here; defaults are the safe development values. Names are listed in
README.md.
"""

import environ

env = environ.Env()


def is_production() -> bool:
    """Production is any run with DJANGO_DEBUG=0 (or false/no/off)."""
    return not env.bool("DJANGO_DEBUG", default=True)
