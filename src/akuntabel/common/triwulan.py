"""The triwulan (quarter) numerals as civil servants write them: TW I … TW IV."""

TRIWULAN_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
