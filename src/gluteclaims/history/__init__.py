"""The knowledge base over time: git revisions and what a change does to the grades."""
