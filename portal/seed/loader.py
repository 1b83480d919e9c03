"""Everything `load_seed_content` loads, in dependency order."""

from portal.seed.network import NetworkLoader, Recorder


def load_all() -> Recorder:
    recorder = Recorder()
    NetworkLoader(recorder).load()
    return recorder
