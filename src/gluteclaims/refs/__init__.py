"""References in and out: citation formats, reading reference files, import and exports."""
