"""Everything that arrives from a platform comes in here, once: pulls and the Meta webhook alike.

A batch of one account's comments is stored once per platform id, triaged, given its due time and
placed in a queue, in a few statements whatever its size. By what each part does:

- `batch`: `comments_ingest`, one batch from the first read to the urgent mail;
- `items`: the platform's untrusted values made storable (`json_storable`), and the row a new item
  becomes;
- `store`: the comments table behind one interface (`CommentStore`), chosen by the database:
  `postgres` (index probes, COPY straight into the table) or `portable` (the ORM, for SQLite);
- `marks`: what a platform says happened to stored comments (removed, hidden, gone from a pull).
"""

from .batch import IngestResult, comments_ingest
from .items import json_storable
from .marks import comments_mark_hidden, comments_mark_missing, comments_mark_removed

__all__ = [
    "IngestResult",
    "comments_ingest",
    "comments_mark_hidden",
    "comments_mark_missing",
    "comments_mark_removed",
    "json_storable",
]
