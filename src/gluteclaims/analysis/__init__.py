"""Across records: the graph of claims and sources, contradictions, and the full check."""
