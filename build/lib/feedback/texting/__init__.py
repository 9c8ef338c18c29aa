"""Questions and replies by SMS: Twilio's incoming-message webhook (``POST /webhooks/twilio/sms``).

A text from a number with a question awaiting its information is the citizen's reply (the clock
runs again); a text from any other number is a new question, in the category named by
``CAUNOI_SMS_CATEGORY`` (by default ``khac``, which no department answers by default, so the
coordinating office sorts it), acknowledged through the usual receipt (an SMS with the reference
and the short link). STOP, START and HELP are keywords, never questions (:mod:`.keywords`).

A text is taken once: a second call of the webhook for the same ``MessageSid`` changes nothing
(:class:`.models.SmsReceived`).

- :mod:`.keywords`: which texts are keywords (pure).
- :mod:`.models`: the texts taken.
- :mod:`.schemas`: a question as an SMS brings it.
- :mod:`.services`: what a text does.
- :mod:`.web`: the webhook, signed by Twilio, answering in TwiML.
"""
