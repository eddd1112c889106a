"""The public portal of a pemda's performance (issue 17): pages without login and the open
data package. Only what is published or verified is read, and an indicator its agency hides
(``plans.Indikator.tampil_publik``) is left out; the pages are cached by the data revision."""
