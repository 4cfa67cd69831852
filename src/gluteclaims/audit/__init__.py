"""Check a text: which sentences of an article repeat or dispute a graded claim."""
