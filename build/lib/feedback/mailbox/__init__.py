"""Questions by email: the office's mailbox, read over IMAP by the workers.

Where to start reading:

- :mod:`~feedback.mailbox.reader`: a pass over the mailbox, each message taken exactly once
  (claimed in the database, recorded with its ticket, flagged on the server after the commit);
- :mod:`~feedback.mailbox.imap`: the IMAP connection (imap-tools);
- :mod:`~feedback.mailbox.parsing` and :mod:`~feedback.mailbox.text`: what a message says (sender,
  text without quoted history or signature, attachments; auto-replies and bounces told apart);
- :mod:`~feedback.mailbox.taking`: what a message becomes (a question, a reply or note on one,
  a bounced delivery);
- :mod:`~feedback.mailbox.replies`: the signed reply address our emails carry, and how a reply is
  matched to its question;
- :mod:`~feedback.mailbox.models` (what was taken, and what it became), :mod:`~feedback.mailbox.schemas`
  (a question by email: no markup refusal) and :mod:`~feedback.mailbox.settings` (``CAUNOI_IMAP_*``).

The worker's job is :func:`feedback.actors.read_mailbox`, sent every 30 s by the scheduler.
"""
