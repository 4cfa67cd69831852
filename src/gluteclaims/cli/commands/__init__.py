"""One module per command (or pair of commands), each listing its COMMANDS."""
