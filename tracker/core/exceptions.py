"""Domain exceptions raised by operations; views and the CLI turn them into responses."""


class ValidationFailed(Exception):
    """Input that passed the schema but not a rule needing the database."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class StaleVersion(Exception):
    """The caller edited an older version than the one stored."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


class NotAllowed(Exception):
    """The user's role does not allow this write."""
