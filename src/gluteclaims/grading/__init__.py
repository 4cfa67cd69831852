"""Grading each claim's body of evidence, GRADE's way, and the methodology that explains it."""
