class Conflict(Exception):
    """A request the current state of a record does not allow (HTTP 409)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
