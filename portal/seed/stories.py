"""Load stories and the editorial parts of annual reports (stories.yaml, reports.yaml)."""

from __future__ import annotations

from pathlib import Path

from events.models import Event
from network.models import Network, Project
from portal.models import AnnualReport, Foreword, Story
from portal.seed.files import SEED_DIR, SeedError, cite, load_yaml
from portal.seed.network import NetworkLoader
from portal.seed.records import PUBLISHED, KeyedLoader, partial
from portal.services import story_save


class StoryLoader(KeyedLoader):
    pattern = "stories*.yaml"

    def __init__(self, network_loader: NetworkLoader, seed_dir: Path = SEED_DIR):
        super().__init__(network_loader, seed_dir)
        self.stories: dict[str, Story] = {}

    def load(self):
        for key, record in self.records.items():
            self.stories[key] = self.load_story(key, record)
        reports = self.seed_dir / "reports.yaml"
        for record in (load_yaml(reports) or []) if reports.exists() else []:
            self.load_report(record)

    def network(self, key: str, where: str) -> Network:
        """The network, or a `Gone` if staff deleted it."""
        return self.recorder.find(Network, {"slug": key}, where=where, what="network")

    def load_story(self, key: str, record: dict) -> Story:
        where = f"{record['_file']} '{key}'"
        date = partial(record.get("date"), where=where)
        if date is None:
            raise SeedError(f"{where}: a story needs a date.")
        return self.recorder.ensure(
            Story,
            {"slug": key},
            {
                "title": record["title"],
                "date": date.first,
                "date_precision": date.precision,
                "network": self.network(record["network"], where)
                if record.get("network")
                else None,
                "summary": (record.get("summary") or "").strip(),
                "body": (record.get("body") or "").strip(),
                "source": cite(record.get("source")),
                **PUBLISHED,
            },
            where=where,
            save=lambda story: self.save_story(story, record, where),
        )

    def save_story(self, story: Story, record: dict, where: str) -> None:
        """A new story with the organisations, projects and events it is about."""
        recorder = self.recorder
        organisations = recorder.links(
            [
                self.network_loader.organisation(k, where=where)
                for k in record.get("organisations") or []
            ],
            where=where,
        )
        projects = recorder.with_slugs(
            Project, record.get("projects") or [], where=where, what="projects"
        )
        events = recorder.with_slugs(Event, record.get("events") or [], where=where, what="events")
        story_save(story=story, organisations=organisations, projects=projects, events=events)

    def load_report(self, record: dict):
        where = f"reports.yaml {record['network']} {record['year']}"
        report = self.recorder.ensure(
            AnnualReport,
            {"network": self.network(record["network"], where), "year": record["year"]},
            {
                "title": record.get("title") or "",
                "cover_credit": record.get("cover_credit") or "",
                "cover_caption": (record.get("cover_caption") or "").strip(),
                "closing_title": record.get("closing_title") or "",
                "closing_text": (record.get("closing_text") or "").strip(),
                **PUBLISHED,
            },
            where=where,
        )
        if not self.recorder.last_created:
            return  # it was there, or staff deleted it
        for index, foreword in enumerate(record.get("forewords") or []):
            if not foreword.get("author"):
                raise SeedError(f"{where}: foreword {index + 1} needs an author key.")
            self.recorder.ensure(
                Foreword,
                {"report": report, "order": foreword.get("order", index)},
                {
                    "author": self.network_loader.person(foreword["author"], where=where),
                    "heading": foreword.get("heading") or "",
                    "role": foreword.get("role") or "",
                    "text": (foreword.get("text") or "").strip(),
                },
                where=where,
            )
        missing = [key for key in record.get("highlights") or [] if key not in self.stories]
        if missing:
            raise SeedError(f"{where}: highlights {missing} are not in stories.yaml.")
        report.highlights.add(
            *self.recorder.links(
                [self.stories[key] for key in record.get("highlights") or []], where=where
            )
        )
