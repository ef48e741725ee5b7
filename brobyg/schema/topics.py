"""The six topics: ``topics/<theme id>.md``, front matter and an introduction."""

from __future__ import annotations

from brobyg.model import Theme
from brobyg.schema.types import Collection, Text, TextList

TOPICS = Collection(
    "topics", "Temaer", "topics/<tema>.md",
    (
        Text("title", "Titel", "Temaets korte titel."),
        Text("question", "Spørgsmål", "Det spørgsmål, temaet handler om."),
        TextList("guiding_questions", "Hjælpespørgsmål", "{min_items}–{max_items} spørgsmål, der hjælper læseren videre.",
                 min_items=1, max_items=8),
    ),
    Theme, schema_file="topic.schema.json",
    doc="Et af netværkets seks temaer; id'et er filens navn, introduktionen er teksten under front matter.",
)
