"""Everything `load_seed_content` loads, in dependency order."""

from pathlib import Path

from portal.seed.files import SEED_DIR
from portal.seed.network import NetworkLoader, Recorder


def load_all(seed_dir: Path = SEED_DIR) -> Recorder:
    recorder = Recorder()
    NetworkLoader(recorder, seed_dir).load()
    return recorder
