"""Backups: a consistent copy of the database and the evidence store, with a manifest of hashes,
optionally encrypted to a passphrase; restore into an empty instance."""
