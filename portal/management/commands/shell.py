"""`manage.py shell` with every model imported, the history tables' models included.

django-simple-history gives a history model its app's name as module ("network") when the
model lives in a package of modules (network/models/, events/models/), so the shell's own
auto-import looks for it where it is not; it is imported from the module that holds it."""

import sys

from django.apps import apps
from django.core.management.commands import shell


def import_path(model) -> str:
    module = model.__module__
    if module == model._meta.app_config.name:
        prefix = f"{module}.models."
        module = next(
            (
                name
                for name, loaded in sorted(sys.modules.items())
                if name.startswith(prefix) and getattr(loaded, model.__name__, None) is model
            ),
            module,
        )
    return f"{module}.{model.__name__}"


class Command(shell.Command):
    def get_auto_imports(self):
        return [import_path(model) for model in reversed(apps.get_models()) if model.__module__]
