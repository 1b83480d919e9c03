"""The seed documents: the source texts that portal/seed_content cites as "003:245" (document
003, line 245).

They are not distributed with the code: portal/seed_content/SCHEMA.md says where they are kept,
and the tests that read them skip where they are absent.
"""

from pathlib import Path

SEED_DOCUMENTS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
