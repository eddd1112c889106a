"""Spreadsheets in and out: the safe reader of uploaded workbooks (``reader``) and the
workbooks Akuntabel exports and reads back."""
