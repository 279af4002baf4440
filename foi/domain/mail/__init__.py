"""Pure decisions about mail: the per-request token, what kind of message a
reply is, and which request it belongs to.

Nothing here reads a file, a socket or the clock: the I/O lives in
:mod:`foi.mail` (composing, SMTP, IMAP, parsing) and :mod:`foi.app.mail`.
An incoming message reaches this package as an :class:`~.model.Incoming`.
"""
