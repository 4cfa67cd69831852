"""gluteclaims: an evidence-graded knowledge base of claims about the glutes."""

__version__ = "0.1.0"
