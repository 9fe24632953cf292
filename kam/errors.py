class Conflict(Exception):
    """A request the current state of a record does not allow (HTTP 409).

    ``extra`` goes into the API's answer next to ``detail`` (e.g. the records in the way).
    """

    def __init__(self, message, **extra):
        super().__init__(message)
        self.message = message
        self.extra = extra
