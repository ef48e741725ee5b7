"""The centres registry: ``data/centres.yml``, a list of the network's centres."""

from __future__ import annotations

from brobyg.model import Centre
from brobyg.schema.types import RECORDS, Collection, Id, Ref, Text, Url

CENTRES = Collection(
    "centres", "Centre", "data/centres.yml",
    (
        Id("id", "Id", "Centrets id: små bogstaver a-z, tal og '-'. Cases skriver det i 'centre'."),
        Text("name", "Navn", "Centrets navn, som det vises på sitet."),
        Ref("municipality", "Kommune", "Kommunen, som den står i data/municipalities.yml; regionen udledes af den.",
            vocabulary="regions", noun="kommunen", source="data/municipalities.yml"),
        Url("website", "Hjemmeside", "Centrets hjemmeside, en fuld adresse med https://.", required=False),
    ),
    Centre, shape=RECORDS,
    doc="Netværkets frivilligcentre.",
)
