"""Text matching: the one rule of every search of the portal (the lists' `q` filter, their API and
the site search).

A record matches when each word of the search occurs, as a substring, in at least one of its
searched fields, both sides *folded* first: compatibility-decomposed (NFKD), stripped of the
Latin/Greek/Cyrillic combining accents (U+0300–U+036F), recomposed (NFC), lower-cased, and a
few letters that have no decomposition mapped to what a visitor types instead ("đ" → "d",
"ø" → "o", "ß" → "ss", final "ς" → "σ"…). So "Malmo" finds "Malmö" and "malmö" finds it too,
"Da Nang" finds "Đà Nẵng", "улаанбаатар" finds "Улаанбаатар" and "αθηνα" finds "ΑΘΗΝΑ".
Only those combining accents are dropped: Hangul syllables, kana voicing marks ("ガ" is not
"カ") and every other script's letters stay as they are, so "서울" finds "서울특별시", "首尔"
a title containing it and "ソウル" "ソウル特別市".

Substring matching, not word matching: CJK names have no spaces for a full-text index to split
words on, and "인천" must find "인천광역시".

The fold runs in the database, on both sides of the comparison, as the SQL function
`portal_fold`: on SQLite a Python function registered on every connection (fold() below, see
install), on PostgreSQL an IMMUTABLE SQL function of built-in functions created by
core's migration 0002 with the same steps, which trigram (pg_trgm) GIN indexes of the searched
columns are built on, so that a search is an index scan there, not a scan of the table.
Changing the fold means a new migration replacing the SQL function and rebuilding those
indexes (docs/architecture.md, "Search").
"""

from __future__ import annotations

import re
import unicodedata
from functools import reduce
from operator import or_

from django.db.models import CharField, F, Lookup, Q, QuerySet, TextField
from django.db.models.lookups import In

MAX_WORDS = 10

FOLD_FUNCTION = "portal_fold"

# The combining accents dropped: the block U+0300–U+036F ("Combining Diacritical Marks"), the
# accents of Latin, Greek and Cyrillic letters. Kept in step with the SQL function.
_ACCENTS = re.compile("[\u0300-\u036f]")

# Letters with no decomposition, and what a visitor types for them (after lower-casing).
# Single letters first (SQL translate()), then the ones becoming two letters (SQL replace()).
SINGLE_LETTERS = {"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ħ": "h", "ŧ": "t", "ς": "σ"}
TWO_LETTERS = {"ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}
_LETTERS = str.maketrans({**SINGLE_LETTERS, **TWO_LETTERS})


def fold(text: str | None) -> str | None:
    """`text` as a search compares it (see the module's docstring)."""
    if text is None:
        return None
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = unicodedata.normalize("NFC", _ACCENTS.sub("", text))
    return text.lower().translate(_LETTERS)


def fold_function_sql(lower_collation: str | None = None) -> str:
    """The PostgreSQL definition of portal_fold, the same steps as fold(). `lower_collation`
    (e.g. "und-x-icu") makes lower() case-fold every script whatever the database's locale."""
    text = "normalize(regexp_replace(normalize($1, NFKD), '[\\u0300-\\u036f]', '', 'g'), NFC)"
    if lower_collation:
        text = f'{text} COLLATE "{lower_collation}"'
    text = f"lower({text})"
    text = "translate({}, '{}', '{}')".format(
        text, "".join(SINGLE_LETTERS), "".join(SINGLE_LETTERS.values())
    )
    for letter, replacement in TWO_LETTERS.items():
        text = f"replace({text}, '{letter}', '{replacement}')"
    # ASCII text (most of it, and a cheap test) is only lower-cased, as fold() does: the
    # Unicode steps cost ten times more per row, which counts where no index helps (a search
    # of one or two characters, or a table without one).
    # ASCII lower-cased under the "C" collation: a Turkish locale would make "I" a dotless "ı".
    text = (
        f'CASE WHEN octet_length($1) = length($1) THEN lower($1 COLLATE "C") '
        f'ELSE ({text}) COLLATE "C" END'
    )
    return (
        f"CREATE OR REPLACE FUNCTION {FOLD_FUNCTION}(text) RETURNS text"
        f" LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {text} $$"
    )


def install() -> None:
    """Called once by core's AppConfig.ready(): the lookup, and the SQL function on SQLite."""
    from django.db.backends.signals import connection_created

    CharField.register_lookup(FoldedContains)
    TextField.register_lookup(FoldedContains)
    connection_created.connect(_register_fold, dispatch_uid="core.text_search")


def _register_fold(sender, connection, **kwargs) -> None:
    """On SQLite, portal_fold is fold() (deterministic: SQLite may use it anywhere a built-in
    function goes). PostgreSQL has it from core's migration."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


class FoldedContains(Lookup):
    """`field__folded_contains=word`: the field, folded, contains the word, folded (a LIKE
    '%…%' with the word's % and _ escaped).

    On SQLite a value made only of ASCII characters is matched by LIKE itself (folding ASCII is
    lower-casing, which SQLite's LIKE ignores) and only the others go through the Python fold:
    the same rows, without a Python call per row of the table."""

    lookup_name = "folded_contains"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [str(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        pattern = connection.pattern_ops["contains"].format(
            connection.pattern_esc.format(f"{FOLD_FUNCTION}({rhs})")
        )
        return f"{FOLD_FUNCTION}({lhs}) {pattern}", (*lhs_params, *rhs_params)

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = f"%{connection.ops.prep_for_like_query(fold(self.rhs))}%"
        sql = (
            f"CASE WHEN length(CAST({lhs} AS BLOB)) = length({lhs}) "
            f"THEN {lhs} LIKE %s ESCAPE '\\' "
            f"ELSE {FOLD_FUNCTION}({lhs}) LIKE %s ESCAPE '\\' END"
        )
        return sql, (*lhs_params, *lhs_params, *lhs_params, pattern, *lhs_params, pattern)


class InMatches(In):
    """`pk IN (the matching ids)`, written on PostgreSQL as `pk = ANY(ARRAY(the matching ids))`.

    The planner cannot know how many rows a `LIKE '%word%'` matches and guesses about a thousand,
    so for `IN` it hashes the ids and scans the whole table to join them (11 ms over 40,000
    events, whatever the word). The ARRAY is computed once, before the outer query, which then
    reads just those rows through the primary key."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def _matching_ids(model, prefix: str, fields: list[str], word: str) -> QuerySet:
    """The ids of `model`'s rows where `word` occurs in one of `fields`, all on the table that
    `prefix` (a relation of `model`, or "" for its own table) leads to.

    A relation one step away is searched from its own side: the matching related rows first,
    then the rows they belong to (`series_id IN (matching series)`, or the `event_id` of the
    matching places), instead of joining every row of `model` to its related row and testing
    that one (which made SQLite test a series' name once per publication of the table)."""
    rows = model._base_manager.order_by()

    def matching(manager, names):
        return manager.filter(
            reduce(or_, (Q(**{f"{name}__folded_contains": word}) for name in names))
        )

    if not prefix:
        return matching(rows, fields).values("pk")
    relation = model._meta.get_field(prefix) if "__" not in prefix else None
    if relation is not None and relation.is_relation and not relation.many_to_many:
        related = relation.related_model._base_manager.order_by()
        names = [field.removeprefix(f"{prefix}__") for field in fields]
        if relation.many_to_one or (relation.one_to_one and relation.concrete):
            return rows.filter(**{f"{prefix}__in": matching(related, names).values("pk")}).values(
                "pk"
            )
        # The reverse of a foreign key (an event's places): the ids the matching rows point to.
        return matching(related, names).values(relation.field.attname)
    return matching(rows, fields).values("pk")


def every_word_in(queryset: QuerySet, fields: tuple[str, ...], text: str) -> QuerySet:
    """Rows where each word of `text` occurs, folded, in at least one of `fields`.

    Each word gives `pk IN (SELECT … WHERE matches UNION SELECT … WHERE matches …)`, one SELECT
    per table the fields are on (the model's own; "places__city" and "places__venue" together;
    "series__name"; see _matching_ids): a row matching through several related rows is listed
    once, with no DISTINCT beside the list's own aggregates, and on PostgreSQL each SELECT reads
    its columns' trigram indexes (a BitmapOr of them) and the outer query only the matching rows
    (InMatches); a word too short for a trigram index scans each table once.
    """
    words = text.split()[:MAX_WORDS]
    if not words:
        return queryset
    model = queryset.model
    tables: dict[str, list[str]] = {}
    for field in fields:
        tables.setdefault(field.rpartition("__")[0], []).append(field)
    for word in words:
        matches = [
            _matching_ids(model, prefix, same_table, word) for prefix, same_table in tables.items()
        ]
        queryset = queryset.filter(InMatches(F("pk"), matches[0].union(*matches[1:])))
    return queryset


def trigram_indexes(model_name: str, fields: tuple[str, ...]):
    """A migration operation: on PostgreSQL, a trigram GIN index of portal_fold(column) for each
    of `fields` of `model_name` ("app_label.Model"), which a `LIKE '%word%'` of a search uses.
    Nothing on SQLite (it scans; docs/architecture.md, "Search")."""
    from django.db import migrations

    def names(apps):
        model = apps.get_model(model_name)
        table = model._meta.db_table
        for field in fields:
            column = model._meta.get_field(field).column
            yield table, column, f"{table}_{column}_fold_trgm"[:63]

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table, column, name in names(apps):
                schema_editor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                    f'USING gin ({FOLD_FUNCTION}("{column}") gin_trgm_ops)'
                )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for _table, _column, name in names(apps):
                schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)
