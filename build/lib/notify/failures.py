"""How a channel says a message did not go: retry later, or never."""


class DeliveryFailed(Exception):
    """The provider did not take the message. ``permanent`` failures are not retried.

    Permanent: the provider refused the recipient or the message (SMTP 5xx, an invalid number,
    Twilio 4xx). Transient: anything that may pass later (SMTP 4xx, a connection refused or
    timed out, Twilio 429 or 5xx).
    """

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
