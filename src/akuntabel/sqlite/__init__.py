"""Django's SQLite backend, reading a stored decimal that does not fit its field (see
``base``)."""
