"""Finding claims and sources by words: the terminal's fuzzy finder and the site's index."""
