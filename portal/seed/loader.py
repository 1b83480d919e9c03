"""Everything `load_seed_content` loads, in dependency order."""

from pathlib import Path

from portal.seed.events import EventLoader
from portal.seed.files import SEED_DIR
from portal.seed.network import NetworkLoader
from portal.seed.publications import PublicationLoader
from portal.seed.records import Recorder
from portal.seed.stories import StoryLoader


def load_all(seed_dir: Path = SEED_DIR) -> Recorder:
    recorder = Recorder()
    network_loader = NetworkLoader(recorder, seed_dir)
    network_loader.load()
    EventLoader(network_loader, seed_dir).load()
    PublicationLoader(network_loader, seed_dir).load()
    StoryLoader(network_loader, seed_dir).load()
    return recorder
