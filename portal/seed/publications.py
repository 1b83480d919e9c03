"""Load publications, their editions, series and credits from `publications*.yaml`.

Create-only like every loader (portal/seed/records.py): a publication that exists (same slug) is
left as it is, one staff deleted stays deleted; editions are matched on publication, language
and summary flag. Editions the documents name
without a language get `und` (BCP 47 "undetermined"), never a guessed language. No file exists
for any seeded edition, so each publication gets a generated cover.
"""

from __future__ import annotations

from events.models import Event
from network.models import Network, Project, Theme
from portal.models import Annex
from portal.seed.files import SeedError, cite, reported_in
from portal.seed.records import PUBLISHED, KeyedLoader, partial
from publications import services
from publications.languages import UNDETERMINED, normalise
from publications.models import Edition, PersonRole, Publication, PublicationPerson, Series

# Roles as the seed files write them → the model's roles.
ROLES = {
    "layout and design": PersonRole.DESIGNER,
    "design": PersonRole.DESIGNER,
    **{role.value: role for role in PersonRole},
}


def seed_slug(key: str) -> str:
    """The key as a slug, shortened at a word boundary to the slug field's 80 characters."""
    if len(key) <= 80:
        return key
    return key[:81].rsplit("-", 1)[0]


class PublicationLoader(KeyedLoader):
    pattern = "publications*.yaml"

    def load(self):
        slugs: dict[str, str] = {}
        for key in self.records:
            slug = seed_slug(key)
            if slug in slugs:
                raise SeedError(f"publications '{key}' and '{slugs[slug]}' share the slug {slug}.")
            slugs[slug] = key
        for key, record in self.records.items():
            publication = self.load_publication(key, record)
            if publication:  # else staff deleted it
                services.publication_relations_saved(publication=publication)
        for key, record in self.records.items():
            self.load_annexes(key, record)

    def load_annexes(self, key: str, record: dict) -> None:
        """`annexes`: label, title, and the keys of the publication it is, the event it
        reports on, the project it plans (each optional), source; after every publication."""
        if not record.get("annexes"):
            return
        where = f"{record['_file']} publication '{key}' annexes"
        recorder = self.recorder
        document = recorder.find(
            Publication, {"slug": seed_slug(key)}, where=where, what="publication"
        )
        if recorder.link(document, where=where) is None:
            return  # staff deleted the document, and its annexes
        targets = (
            ("publication", Publication, lambda k: seed_slug(k)),
            ("event", Event, lambda k: k),
            ("project", Project, lambda k: k),
        )
        for order, annex in enumerate(record["annexes"]):
            place = f"{where} '{annex.get('label')}'"
            if not annex.get("label") or not annex.get("title"):
                raise SeedError(f"{place}: an annex needs a label and a title.")
            links = {
                field: recorder.link(
                    recorder.find(model, {"slug": slug(annex[field])}, where=place, what=field),
                    where=place,
                )
                for field, model, slug in targets
                if annex.get(field)
            }
            recorder.ensure(
                Annex,
                {"document": document, "label": annex["label"]},
                {
                    "title": annex["title"],
                    **links,
                    "order": order,
                    "source": cite(annex.get("source")),
                },
                where=place,
            )

    def load_publication(self, key: str, record: dict) -> Publication:
        where = f"{record['_file']} '{key}'"
        series = None
        if record.get("series"):
            series = self.recorder.ensure(Series, {"name": record["series"]}, where=where)
        publication = self.recorder.ensure(
            Publication,
            {"slug": seed_slug(key)},
            {
                "title": record["title"],
                "kind": record.get("kind") or "other",
                "series": series,
                "issue": str(record.get("issue") or ""),
                "summary": (record.get("summary") or "").strip(),
                "source": cite(record.get("source")),
                "reported_in": reported_in(record, where=where),
                "internal_note": (record.get("note") or "").strip(),
                **PUBLISHED,
            },
            where=where,
            save=lambda publication: self.save_publication(publication, record, where),
        )
        if not publication:
            return publication
        if self.recorder.last_created:
            self.add_credits(publication, record, where)
        for index, edition in enumerate(record.get("editions") or []):
            self.load_edition(publication, edition, index, where)
        return publication

    def save_publication(self, publication: Publication, record: dict, where: str) -> None:
        """A new publication with its networks, projects, themes and organisations, through the
        service the admin, the API and spreadsheets use; the cover once its editions are in."""
        recorder = self.recorder
        network_keys = record.get("networks") or []
        networks = recorder.with_slugs(Network, network_keys, where=where, what="networks")
        projects = recorder.with_slugs(
            Project, record.get("projects") or [], where=where, what="projects"
        )
        themes = []
        for theme_key in record.get("themes") or []:
            matching = list(Theme.objects.filter(slug=theme_key, network__in=networks))
            if not matching:
                theme = recorder.earlier(Theme, {"slug": theme_key, "network__in": networks})
                if theme is None:
                    raise SeedError(
                        f"{where}: theme '{theme_key}' is not a theme of {sorted(network_keys)}."
                    )
                matching = recorder.links([theme], where=where)
            themes.extend(matching)
        services.publication_save(
            publication=publication,
            networks=networks,
            projects=projects,
            themes=themes,
            organisations=recorder.links(
                [
                    self.network_loader.organisation(key, where=where)
                    for key in record.get("organisations") or []
                ],
                where=where,
            ),
            cover=False,
        )

    def add_credits(self, publication: Publication, record: dict, where: str):
        for order, credit in enumerate(record.get("people") or []):
            role = ROLES.get(str(credit.get("role") or "").casefold())
            if role is None:
                raise SeedError(f"{where}: unknown role '{credit.get('role')}'.")
            self.recorder.ensure(
                PublicationPerson,
                {
                    "publication": publication,
                    "person": self.network_loader.person(credit["person"], where=where),
                    "role": role,
                },
                {"order": order},
                where=where,
            )

    def load_edition(self, publication: Publication, data: dict, index: int, where: str):
        language = normalise(data.get("language") or UNDETERMINED)
        where = f"{where} edition {index + 1} ({language})"
        date = partial(data.get("date"), where=where)
        organisation = self.network_loader.organisation
        lookup = {
            "publication": publication,
            "language": language,
            "is_summary": bool(data.get("is_summary")),
        }
        if language == UNDETERMINED:
            lookup["order"] = index  # several editions may share "und"
        self.recorder.ensure(
            Edition,
            lookup,
            {
                "title": data.get("title") or "",
                "date": date.first if date else None,
                "date_precision": date.precision if date else "month",
                "publisher": organisation(data["publisher"], where=where)
                if data.get("publisher")
                else None,
                "translated_by": organisation(data["translated_by"], where=where)
                if data.get("translated_by")
                else None,
                "link": data.get("link") or "",
                **({} if "order" in lookup else {"order": index}),
            },
            where=where,
        )
