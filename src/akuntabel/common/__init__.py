"""Helpers every app may import: the wording of a moment (``waktu``), why a text is not a
number (``alasan``), the triwulan numerals (``triwulan``) and the save-conflict protocol
(``konflik``). Plain modules, no models; they import only ``core`` and Django, never an app,
so that ``web`` stays the top floor and no app reaches into another for a helper
(tests/test_layers.py holds the walls)."""
