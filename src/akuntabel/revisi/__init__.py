"""The data revision: a counter per OPD, per pemda and one for the whole installation, advanced
in the same transaction as every write that can change a computed document, so that a document
cached under the revisions it was computed at is never served after its data changed.

Two layers (``services`` and ``jaring``):

- **Explicit calls** (``naikkan_opd``, ``naikkan_pemda``, ``naikkan_semua``) at the start of
  each write service's transaction: precise, a realisasi saved in one OPD leaves the other
  thirty-nine OPD's cached documents valid.
- **The net** (``jaring``): every INSERT, UPDATE or DELETE on a table of a document's data that
  runs in a transaction which advanced no revision advances the installation's revision, which
  is part of every key. It sees what signals cannot: ``bulk_create``, ``QuerySet.update``, raw
  SQL through Django's cursor, the admin, a shell, a write path added tomorrow. Its cost is a
  coarser invalidation, never a stale page. Signals were not chosen as the net: bulk writes and
  ``update()`` send none, and a row's OPD would cost a query per saved row to find.
"""
