"""Public outputs: what the public may see of the record (see ``redaction``)."""
