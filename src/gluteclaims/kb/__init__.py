"""Records: the model, reading files, and the checks on them."""
