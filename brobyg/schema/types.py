"""The kinds of field a collection's schema is made of.

A field is data: its key, whether it is required, its limits and its Danish
words. The validator's field rules, ``build.py new``, the case template,
the guide's field reference and the JSON Schemas are all derived from it.
"""

from __future__ import annotations

from typing import Any


class Field:
    """A front matter key. Options are class attributes, set per field by keyword.

    Plain classes rather than dataclasses: `check` imports the schema on
    every run, and creating a dataclass costs more than a whole field check."""

    required: bool = True
    example: str = ""  # the template's placeholder value, as YAML
    sample: str = ""  # the guide's example, as Markdown
    guide: str = ""  # the guide's explanation (default: doc)
    attr: str = ""  # the model attribute (default: the key)
    in_template: bool = True

    def __init__(self, key: str, label: str, doc: str, **options: Any) -> None:
        self.key = key
        self.label = label  # Danish, a few words: "Titel"
        self.doc = doc  # Danish, one sentence for the template and the guide
        for name, value in options.items():
            if not hasattr(type(self), name):
                raise TypeError(f"{type(self).__name__} has no option {name!r}")
            setattr(self, name, value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"

    def words(self, text: str, **extra: Any) -> str:
        """``text`` with {option} filled in from this field (``{max_items_words}``: the number in Danish words)."""
        return text.format_map(_Options(self, extra))

    @property
    def model_attr(self) -> str:
        return self.attr or self.key

    def to_model(self, value: Any) -> dict[str, Any]:
        """The model object's attributes for a valid value."""
        return {self.model_attr: value}


_NUMBER_WORDS = ("nul", "et", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv")


class _Options(dict):
    def __init__(self, field: Field, extra: dict) -> None:
        super().__init__(extra)
        self.field = field

    def __missing__(self, name: str) -> Any:
        if name.endswith("_words"):
            return _NUMBER_WORDS[getattr(self.field, name[: -len("_words")])]
        return getattr(self.field, name)


class Id(Field):
    """A record's own id: lowercase a-z, 0-9 and '-'."""


class Url(Field):
    """A web address starting with http:// or https://."""


class Text(Field):
    min_len: int = 1
    max_len: int = 0  # 0: no limit
    plain: bool = False  # no HTML, links or Markdown


class Ref(Field):
    """An id from a vocabulary (a ``KnowledgeBase`` attribute, or the fixed themes)."""

    vocabulary: str = ""
    noun: str = ""  # "centret"
    source: str = ""  # where the ids are: "data/centres.yml"


class RefList(Field):
    vocabulary: str = ""
    noun: str = ""  # "tema"
    nouns: str = ""  # "temaer"
    source: str = ""
    min_items: int = 1
    max_items: int = 6

    def to_model(self, value):
        return {self.model_attr: tuple(value)}


class TextList(Field):
    """A list of short texts (a topic's guiding questions)."""

    min_items: int = 1
    max_items: int = 8

    def to_model(self, value):
        return {self.model_attr: tuple(value)}


class Choice(Field):
    choices: tuple[tuple[str, str], ...] = ()  # (value, what it means, in Danish)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.choices)


class Date(Field):
    not_before: str = ""  # key of another date field this one may not precede
    not_future: bool = True


class Period(Field):
    """{start: ÅÅÅÅ-MM, end: ÅÅÅÅ-MM}; no end: ongoing."""

    parts: tuple[str, ...] = ("start", "end")

    def to_model(self, value):
        start, end = value
        return {f"{self.key}_start": start, f"{self.key}_end": end}


class Names(Field):
    """A list of short free-text names."""

    max_len: int = 80

    def to_model(self, value):
        return {self.model_attr: tuple(value)}


class Contact(Field):
    """A staff contact: name (required), role, e-mail and phone."""

    parts: tuple[str, ...] = ("name", "role", "email", "phone")
    model: type | None = None

    def to_model(self, value):
        return {self.model_attr: self.model(**value)}


class Flag(Field):
    def to_model(self, value):
        return {self.model_attr: bool(value)}


FRONT_MATTER = "front matter"  # one Markdown file per item, fields at the top
RECORDS = "records"  # one YAML file: a list of items


class Collection:
    """One kind of content: its files, its fields and the model class it makes.

    Adding a collection means declaring one of these (in its own module in
    this package, listed in ``COLLECTIONS``) and its model class; the JSON
    Schema follows from it, and the field checks from its field kinds."""

    def __init__(self, name: str, title: str, source: str, fields: tuple[Field, ...], model: type, *,
                 shape: str = FRONT_MATTER, schema_file: str = "", doc: str = "") -> None:
        self.name = name  # "cases"
        self.title = title  # Danish: "Cases"
        self.source = source  # where its files are: "cases/<slug>.md"
        self.fields = fields
        self.model = model
        self.shape = shape
        self.schema_file = schema_file or f"{name}.schema.json"  # under schemas/
        self.doc = doc  # Danish, one sentence
        self._by_key = {f.key: f for f in fields}
        self.keys = tuple(self._by_key)
        self.required = tuple(f for f in fields if f.required)

    def __getitem__(self, key: str) -> Field:
        return self._by_key[key]

    def __contains__(self, key: str) -> bool:
        return key in self._by_key
