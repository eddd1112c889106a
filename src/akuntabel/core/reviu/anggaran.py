"""Reviu rules (see akuntabel.core.reviu)."""
