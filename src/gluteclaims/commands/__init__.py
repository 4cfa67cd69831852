"""One module per command (or group of related commands); each lists its click commands in COMMANDS."""
