"""One schema per collection, declared once; everything else derives from it.

From these declarations come the field checks (``validate/rules/fields.py``
and ``validate/vocab.py``), the model objects, ``build.py new``'s questions,
``templates/case.md``, the guide's field reference and ``schemas/*.json``
(regenerate with ``python -m brobyg.commands.generate``).

To add a collection: a module here with its ``Collection`` (fields and model
class), an entry in ``COLLECTIONS``, and the model class in ``model.py``.
"""

from __future__ import annotations


def collections():
    """Every collection, in the order the guide and ``schemas/`` list them."""
    from brobyg.schema.cases import CASES
    from brobyg.schema.centres import CENTRES
    from brobyg.schema.target_groups import TARGET_GROUPS
    from brobyg.schema.topics import TOPICS

    return (CASES, CENTRES, TARGET_GROUPS, TOPICS)
