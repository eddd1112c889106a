"""The quarterly report of an OPD (``PelaporanTriwulan``) and its workflow: draft, submitted,
verified or returned. It covers both the indicators' realisasi (``results``) and the budget's
(``budget``), which lock a triwulan through it; it depends on neither."""
