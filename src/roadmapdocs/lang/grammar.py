"""The grammatical categories the language layer and the model share: case and gender."""

from __future__ import annotations

from typing import Literal

Gender = Literal["male", "female"]
Case = Literal["nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"]
