"""The target-group vocabulary: ``data/target-groups.yml``."""

from __future__ import annotations

from brobyg.model import TargetGroup
from brobyg.schema.types import RECORDS, Collection, Id, Text

TARGET_GROUPS = Collection(
    "target_groups", "Målgrupper", "data/target-groups.yml",
    (
        Id("id", "Id", "Målgruppens id: små bogstaver a-z, tal og '-'. Cases skriver det i 'target_groups'."),
        Text("label", "Navn", "Målgruppens navn på dansk, som det vises på sitet."),
    ),
    TargetGroup, shape=RECORDS, schema_file="target-groups.schema.json",
    doc="De målgrupper, cases kan handle om.",
)
